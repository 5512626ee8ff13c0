using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Plays the cloudkeeper core against the gateway's gRPC port: a client generated from the same proto, over TLS
/// (the gateway's certificate checked against the test CA) with a client certificate, and the core's habits:
/// LOCAL images are files it deletes as soon as a call returns.
/// </summary>
public sealed class CloudkeeperCore : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly string _images = Path.Combine(Path.GetTempPath(), "occi-cloudkeeper-core-" + Guid.NewGuid().ToString("N"));

    public CloudkeeperCore(int port, X509Certificate2? clientCertificate, string caCertificate)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caCertificate);
        var tls = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 server && ChainsTo(server, ca),
        };
        if (clientCertificate is not null) tls.ClientCertificates = [clientCertificate];
        _channel = GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = tls },
        });
        Client = new Communicator.CommunicatorClient(_channel);
        Directory.CreateDirectory(_images);
    }

    public Communicator.CommunicatorClient Client { get; }

    /// <summary>The memory (MiB) the appliances ask for: a cloud's smallest flavor must have it (Glance's min_ram, checked by Nova).</summary>
    public long Ram { get; init; } = 1024;

    /// <summary>AddAppliance, with the LOCAL file deleted once the call returned, as the core does.</summary>
    public async Task AddAsync(Appliance appliance)
    {
        try { await Client.AddApplianceAsync(appliance); }
        finally { DeleteLocalFile(appliance); }
    }

    public async Task UpdateAsync(Appliance appliance)
    {
        try { await Client.UpdateApplianceAsync(appliance); }
        finally { DeleteLocalFile(appliance); }
    }

    public async Task<IReadOnlyList<string>> ImageListsAsync()
    {
        using var call = Client.ImageLists(new Empty());
        var lists = new List<string>();
        await foreach (var id in call.ResponseStream.ReadAllAsync()) lists.Add(id.ImageListIdentifier_);
        return lists;
    }

    public async Task<IReadOnlyList<Appliance>> AppliancesAsync(string imageList)
    {
        using var call = Client.Appliances(new ImageListIdentifier { ImageListIdentifier_ = imageList });
        var appliances = new List<Appliance>();
        await foreach (var a in call.ResponseStream.ReadAllAsync()) appliances.Add(a);
        return appliances;
    }

    /// <summary>An appliance of <paramref name="imageList"/> with a LOCAL image of <paramref name="content"/>, its SHA-512 and size.</summary>
    public Appliance Appliance(string identifier, string imageList, string title, byte[] content, string version = "1.0", long expiration = 0,
        string vo = "fedcloud.egi.eu", Image.Types.Format format = Image.Types.Format.Qcow2)
    {
        var file = Path.Combine(_images, Guid.NewGuid().ToString("N") + ".img");
        File.WriteAllBytes(file, content);
        return new Appliance
        {
            Identifier = identifier, Title = title, Description = title + " from AppDB", Mpuri = $"https://appdb.egi.eu/store/vm/image/{identifier}:{version}/",
            Group = "General group", Ram = Ram, Core = 1, Version = version, Architecture = "x86_64", OperatingSystem = "Linux", Vo = vo,
            ExpirationDate = expiration, ImageListIdentifier = imageList, BaseMpuri = $"https://appdb.egi.eu/store/vm/image/{identifier}/",
            Appid = "1234", Digest = Digest(content),
            Image = new Image
            {
                Mode = Image.Types.Mode.Local, Location = file, Format = format, Checksum = Sha512(content), Size = content.Length, Digest = Digest(content),
            },
        };
    }

    public static string Sha512(byte[] content) => Convert.ToHexStringLower(SHA512.HashData(content));

    private static string Digest(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static bool ChainsTo(X509Certificate2 server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    private static void DeleteLocalFile(Appliance appliance)
    {
        if (appliance.Image is { Mode: Image.Types.Mode.Local, Location.Length: > 0 } image) File.Delete(image.Location);
    }

    public void Dispose()
    {
        _channel.Dispose();
        try { Directory.Delete(_images, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
