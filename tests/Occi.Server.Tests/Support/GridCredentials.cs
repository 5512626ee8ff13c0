using System.Diagnostics;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A small grid made with the real tools in a temporary folder: a CA (with its CRL) in IGTF layout, user
/// certificates, a VOMS server certificate listed in a vomsdir, a server certificate for 127.0.0.1, and proxies
/// made by voms-proxy-fake (RFC 3820, with a VOMS attribute certificate) or, for proxies of proxies, by openssl.
/// </summary>
public sealed class GridCredentials : IDisposable
{
    public const string Vo = "fedcloud.egi.eu";
    /// <summary>A second VO served by the same VOMS server.</summary>
    public const string OtherVo = "vo.example.org";
    public const string Fqan = "/fedcloud.egi.eu/Role=NULL/Capability=NULL";
    public const string CaDn = "/DC=org/DC=test/CN=Test CA";
    public const string VomsDn = "/DC=org/DC=test/CN=voms.test.org";

    private GridCredentials(string folder) => Folder = folder;

    public string Folder { get; }
    public string CaPath => Path.Combine(Folder, "certificates");
    public string VomsDir => Path.Combine(Folder, "vomsdir");
    public string ServerCertificate => Path.Combine(Folder, "server.pem");
    public string ServerKey => Path.Combine(Folder, "server.key");
    public string CaCertificate => Path.Combine(Folder, "ca.pem");

    /// <summary>Why the tools are missing, or null.</summary>
    public static string? Missing()
    {
        foreach (var tool in new[] { "openssl", "voms-proxy-fake" })
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
                return $"{tool} is not installed (apt-get install -y openssl voms-clients; .ci/run does)";
        return null;
    }

    /// <summary>The CA, users alice (good), bob (revoked by the CA's CRL), the VOMS server, and the server certificate.</summary>
    public static async Task<GridCredentials> CreateAsync()
    {
        var grid = new GridCredentials(Path.Combine(Path.GetTempPath(), "occi-grid-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(grid.CaPath);
        Directory.CreateDirectory(Path.Combine(grid.VomsDir, Vo));
        await File.WriteAllTextAsync(grid.Path_("ee.ext"), "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        await File.WriteAllTextAsync(grid.Path_("server.ext"), "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n");
        await File.WriteAllTextAsync(grid.Path_("proxy.ext"), "keyUsage=critical,digitalSignature,keyEncipherment\nproxyCertInfo=critical,language:id-ppl-inheritAll\n");

        await grid.CaAsync("ca", CaDn);
        await grid.IssueAsync("ca", "alice", "/DC=org/DC=test/O=People/CN=Alice Doe", "ee.ext", "1001");
        await grid.IssueAsync("ca", "bob", "/DC=org/DC=test/O=People/CN=Bob Roe", "ee.ext", "1002");
        await grid.IssueAsync("ca", "voms", VomsDn, "ee.ext", "2001");
        await grid.IssueAsync("ca", "server", "/CN=127.0.0.1", "server.ext", "3001");
        var hash = (await grid.RunAsync("openssl", "x509", "-hash", "-noout", "-in", grid.CaCertificate)).Trim();
        File.Copy(grid.CaCertificate, Path.Combine(grid.CaPath, hash + ".0"));
        await grid.RevokedCrlAsync("ca", "bob.pem", Path.Combine(grid.CaPath, hash + ".r0"));
        await File.WriteAllLinesAsync(Path.Combine(grid.VomsDir, Vo, "voms.test.org.lsc"), [VomsDn, CaDn]);
        Directory.CreateDirectory(Path.Combine(grid.VomsDir, OtherVo));
        await File.WriteAllLinesAsync(Path.Combine(grid.VomsDir, OtherVo, "voms.test.org.lsc"), [VomsDn, CaDn]);
        return grid;
    }

    private string Path_(string name) => Path.Combine(Folder, name);

    /// <summary>A self-signed CA named <paramref name="dn"/>, as &lt;name&gt;.pem and .key.</summary>
    public Task CaAsync(string name, string dn) =>
        RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", Path_(name + ".key"), "-out", Path_(name + ".pem"),
            "-days", "60", "-subj", dn, "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-addext", "subjectKeyIdentifier=hash");

    /// <summary>A certificate named <paramref name="dn"/> for &lt;name&gt;.pem/.key, issued by the CA &lt;ca&gt;.</summary>
    public async Task IssueAsync(string ca, string name, string dn, string extensions, string serialHex)
    {
        await RunAsync("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", Path_(name + ".key"), "-out", Path_(name + ".csr"), "-subj", dn);
        await RunAsync("openssl", "x509", "-req", "-in", Path_(name + ".csr"), "-CA", Path_(ca + ".pem"), "-CAkey", Path_(ca + ".key"),
            "-set_serial", "0x" + serialHex, "-days", "30", "-extfile", Path_(extensions), "-out", Path_(name + ".pem"));
        // voms-proxy-fake refuses a key others may read.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path_(name + ".key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The CA's CRL revoking <paramref name="certificate"/>, written to <paramref name="output"/> (PEM).</summary>
    public async Task RevokedCrlAsync(string ca, string certificate, string output)
    {
        var dir = Path_(ca + "-db");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "index.txt"), "");
        await File.WriteAllTextAsync(Path.Combine(dir, "crlnumber"), "01\n");
        var config = Path.Combine(dir, "ca.cnf");
        await File.WriteAllTextAsync(config,
            $"[ ca ]\ndefault_ca = this\n[ this ]\ndatabase = {dir}/index.txt\ncrlnumber = {dir}/crlnumber\n" +
            $"certificate = {Path_(ca + ".pem")}\nprivate_key = {Path_(ca + ".key")}\ndefault_md = sha256\ndefault_crl_days = 30\n");
        await RunAsync("openssl", "ca", "-config", config, "-revoke", Path_(certificate));
        await RunAsync("openssl", "ca", "-config", config, "-gencrl", "-out", output);
    }

    /// <summary>
    /// voms-proxy-fake's RFC 3820 proxy of &lt;user&gt; with an attribute certificate of <see cref="Vo"/> signed by the
    /// VOMS server certificate &lt;voms&gt;, into &lt;name&gt;.pem (proxy, its key, the user certificate); more options append.
    /// </summary>
    public async Task<string> ProxyAsync(string name, string user = "alice", string voms = "voms", string vo = Vo, string fqan = Fqan, params string[] more)
    {
        var output = Path_(name + ".pem");
        await RunAsync("voms-proxy-fake", ["-q", "-cert", Path_(user + ".pem"), "-key", Path_(user + ".key"), "-certdir", CaPath,
            "-hostcert", Path_(voms + ".pem"), "-hostkey", Path_(voms + ".key"), "-voms", vo, "-fqan", fqan, "-uri", "voms.test.org:15000",
            .. more.Contains("-proxyver") ? Array.Empty<string>() : ["-rfc"], "-out", output, .. more]);
        return output;
    }

    /// <summary>
    /// A proxy of the proxy in <paramref name="issuerFile"/>, made with openssl (voms-proxy-fake refuses proxies of
    /// proxies), valid <paramref name="days"/> from now: into &lt;name&gt;.pem with its key and the whole chain after it,
    /// as voms-proxy-init writes.
    /// </summary>
    public async Task<string> ProxyOfProxyAsync(string issuerFile, string name, int days = 1)
    {
        var subject = (await RunAsync("openssl", "x509", "-in", issuerFile, "-noout", "-subject", "-nameopt", "compat")).Trim()["subject=".Length..];
        await RunAsync("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", Path_(name + ".key"), "-out", Path_(name + ".csr"), "-subj", subject + "/CN=4242");
        await RunAsync("openssl", "x509", "-req", "-in", Path_(name + ".csr"), "-CA", issuerFile, "-CAkey", issuerFile, "-set_serial", "4242",
            "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "-extfile", Path_("proxy.ext"), "-out", Path_(name + ".cert"));
        var issuer = await File.ReadAllTextAsync(issuerFile);
        var chain = string.Concat(Blocks(issuer).Where(b => b.Contains("CERTIFICATE", StringComparison.Ordinal)));
        var output = Path_(name + ".pem");
        await File.WriteAllTextAsync(output, await File.ReadAllTextAsync(Path_(name + ".cert")) + await File.ReadAllTextAsync(Path_(name + ".key")) + chain);
        return output;
    }

    /// <summary>The PEM blocks of a text, each with its BEGIN and END lines.</summary>
    public static IEnumerable<string> Blocks(string pem)
    {
        var start = 0;
        while ((start = pem.IndexOf("-----BEGIN ", start, StringComparison.Ordinal)) >= 0)
        {
            var end = pem.IndexOf("-----END ", start, StringComparison.Ordinal);
            end = pem.IndexOf('\n', end) is var nl and >= 0 ? nl + 1 : pem.Length;
            yield return pem[start..end];
            start = end;
        }
    }

    public async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var (exit, output, error) = await StartAsync(tool, arguments);
        if (exit != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {exit}: {error}");
        return output;
    }

    /// <summary>The tool's exit code and standard output, whatever the exit code.</summary>
    public async Task<(int Exit, string Output)> TryRunAsync(string tool, params string[] arguments)
    {
        var (exit, output, _) = await StartAsync(tool, arguments);
        return (exit, output);
    }

    private async Task<(int, string, string)> StartAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // openssl's and voms-proxy-fake's random seed file goes to the folder, not the user's home.
        start.Environment["RANDFILE"] = Path_(".rnd");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
