using System.Security.Cryptography.X509Certificates;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Certificates made by openssl for the gRPC port: the test grid's CA and server certificate (127.0.0.1), the
/// core's host certificate (allowed), a host certificate of the same CA that is not listed, and one with the core's
/// very subject issued by a CA the gateway does not trust.
/// </summary>
public sealed class CloudkeeperCredentials : IDisposable
{
    public const string CoreDn = "/DC=org/DC=test/CN=cloudkeeper.test.org";
    public const string StrangerDn = "/DC=org/DC=test/CN=stranger.test.org";

    private CloudkeeperCredentials(GridCredentials grid) => Grid = grid;

    public GridCredentials Grid { get; }

    public static async Task<CloudkeeperCredentials> CreateAsync()
    {
        var grid = await GridCredentials.CreateAsync();
        await grid.IssueAsync("ca", "core", CoreDn, "ee.ext", "4001");
        await grid.IssueAsync("ca", "stranger", StrangerDn, "ee.ext", "4002");
        await grid.CaAsync("rogue", "/DC=org/DC=rogue/CN=Rogue CA");
        await grid.IssueAsync("rogue", "impostor", CoreDn, "ee.ext", "5001");
        return new CloudkeeperCredentials(grid);
    }

    /// <summary>The server settings that turn the gRPC port on (any free port) with these certificates.</summary>
    public (string Key, string Value)[] Settings(params (string Key, string Value)[] more) =>
    [
        ("Occi:Cloudkeeper:Enabled", "true"), ("Occi:Cloudkeeper:Port", "0"),
        ("Occi:Cloudkeeper:CertificatePath", Grid.ServerCertificate), ("Occi:Cloudkeeper:KeyPath", Grid.ServerKey),
        ("Occi:Cloudkeeper:ClientCaPath", Grid.CaCertificate), ("Occi:Cloudkeeper:AllowedClientDns", CoreDn),
        .. more,
    ];

    /// <summary>A client certificate with its key: "core", "stranger" or "impostor".</summary>
    public X509Certificate2 Client(string name)
    {
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(Grid.Folder, name + ".pem"), Path.Combine(Grid.Folder, name + ".key"));
        // A PKCS#12 round trip gives the key a form TLS client authentication can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => Grid.Dispose();
}
