using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Auth:Schemes=X509 over real TLS on 127.0.0.1: proxies made by voms-proxy-fake (and openssl) from a test CA,
/// presented by .NET's HttpClient and by curl; what is accepted, and each reason a chain is refused.
/// </summary>
[NonParallelizable]
public sealed class X509AuthTests
{
    private GridCredentials _grid = null!;
    private FakeTimeProvider _clock = null!;
    private readonly List<RunningServer> _servers = [];

    [OneTimeSetUp]
    public async Task MakeTheGrid()
    {
        if (GridCredentials.Missing() is { } missing) Assert.Ignore(missing);
        _grid = await GridCredentials.CreateAsync();
    }

    [OneTimeTearDown]
    public void RemoveTheGrid() => _grid?.Dispose();

    /// <summary>Where the server's clock starts, from the real time when it starts (credentials are made just before).</summary>
    private TimeSpan _clockOffset;

    [SetUp]
    public void Clock() => _clockOffset = TimeSpan.Zero;

    [TearDown]
    public async Task Stop()
    {
        foreach (var s in _servers) await s.DisposeAsync();
        _servers.Clear();
    }

    private async Task<RunningServer> StartAsync(bool https = true, string? caPath = null, params (string, string)[] more)
    {
        (string, string)[] settings =
        [
            ("Occi:Auth:Schemes", "X509"),
            ("Occi:Auth:X509:CaPath", caPath ?? _grid.CaPath),
            ("Occi:Auth:X509:VomsDir", _grid.VomsDir),
            .. https ? new[] { ("urls", "https://127.0.0.1:0"), ("Kestrel:Certificates:Default:Path", _grid.ServerCertificate), ("Kestrel:Certificates:Default:KeyPath", _grid.ServerKey) } : [],
            .. more,
        ];
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow + _clockOffset);
        var server = await RunningServer.StartAsync(null, s => s.AddSingleton<TimeProvider>(_clock), settings);
        _servers.Add(server);
        return server;
    }

    /// <summary>.NET's client presenting the certificate and key of <paramref name="pemFile"/> with every further certificate in it.</summary>
    private HttpClient DotNetClient(RunningServer server, string? pemFile)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(_grid.CaCertificate);
        var ssl = new SslClientAuthenticationOptions
        {
            // The server's certificate is checked against the test CA alone.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is X509Certificate2 c && chain.Build(c);
            },
        };
        if (pemFile is not null)
        {
            var pem = File.ReadAllText(pemFile);
            var certificates = GridCredentials.Blocks(pem).Where(b => b.Contains("CERTIFICATE", StringComparison.Ordinal)).ToArray();
            var leaf = X509Certificate2.CreateFromPem(certificates[0], pem);
            var sent = new X509Certificate2Collection(certificates.Skip(1).Select(c => X509Certificate2.CreateFromPem(c)).ToArray());
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(leaf, sent, offline: true);
        }
        return new HttpClient(new SocketsHttpHandler { SslOptions = ssl }) { BaseAddress = server.BaseAddress };
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(RunningServer server, string? pemFile, string path = "/-/")
    {
        using var client = DotNetClient(server, pemFile);
        var response = await client.SendAsync(server.Request(HttpMethod.Get, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task AssertRefusedAsync(RunningServer server, string pemFile, string reason)
    {
        var (status, body, _) = await GetAsync(server, pemFile);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(body, Does.Contain(reason));
    }

    [Test]
    public async Task A_voms_proxy_from_HttpClient_is_accepted_and_acts_in_its_VO()
    {
        var proxy = await _grid.ProxyAsync("accepted");
        var server = await StartAsync();
        using var client = DotNetClient(server, proxy);

        using var query = await client.SendAsync(server.Request(HttpMethod.Get, "/-/"));
        Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var create = server.Request(HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var created = await client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        using var read = await client.SendAsync(server.Request(HttpMethod.Get, created.Headers.Location!.AbsolutePath));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_VO_is_the_tenant_so_another_VOs_proxy_does_not_see_the_compute()
    {
        var mine = await _grid.ProxyAsync("vo-mine");
        var theirs = await _grid.ProxyAsync("vo-theirs", vo: GridCredentials.OtherVo, fqan: $"/{GridCredentials.OtherVo}/Role=NULL/Capability=NULL");
        var server = await StartAsync();
        using var client = DotNetClient(server, mine);
        var create = server.Request(HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var created = await client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var location = created.Headers.Location!.AbsolutePath;
        Assert.That((await GetAsync(server, mine, location)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync(server, theirs, location)).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("2")]
    [TestCase("3")]
    public async Task A_legacy_globus_proxy_is_accepted(string version)
    {
        // voms-proxy-fake without -rfc: GT2 (subject ending in CN=proxy, no extension) or GT3 (the draft extension).
        var proxy = await _grid.ProxyAsync("gt" + version, more: ["-proxyver", version]);
        var server = await StartAsync();
        var (status, body, _) = await GetAsync(server, proxy);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
    }

    [Test]
    public async Task A_voms_proxy_from_curl_is_accepted()
    {
        if (!File.Exists("/usr/bin/curl")) Assert.Ignore("curl is not installed (.ci/run installs it)");
        var proxy = await _grid.ProxyAsync("curl");
        var server = await StartAsync();
        var status = await _grid.RunAsync("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cert", proxy, "--key", proxy,
            "--cacert", _grid.CaCertificate, "-H", "Accept: text/plain", new Uri(server.BaseAddress, "/-/").ToString());
        Assert.That(status, Is.EqualTo("200"));
        var refused = await _grid.RunAsync("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", _grid.CaCertificate,
            new Uri(server.BaseAddress, "/-/").ToString());
        Assert.That(refused, Is.EqualTo("401"));
    }

    [Test]
    public async Task No_certificate_is_401_without_a_challenge_of_its_own()
    {
        var server = await StartAsync();
        var (status, body, response) = await GetAsync(server, null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
        Assert.That(body, Does.Contain("needs credentials"));
    }

    [Test]
    public async Task A_user_certificate_without_VOMS_is_its_DN_in_slash_form_and_maps_to_no_tenant()
    {
        var server = await StartAsync();
        var both = Path.Combine(_grid.Folder, "alice-both.pem");
        await File.WriteAllTextAsync(both, await File.ReadAllTextAsync(Path.Combine(_grid.Folder, "alice.pem")) + await File.ReadAllTextAsync(Path.Combine(_grid.Folder, "alice.key")));
        var (status, body, _) = await GetAsync(server, both);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body, Does.Contain("/DC=org/DC=test/O=People/CN=Alice Doe is authenticated (X509)"));
    }

    [Test]
    public async Task An_expired_proxy_is_refused()
    {
        var proxy = await _grid.ProxyAsync("expired", more: ["-hours", "12"]);
        var server = await StartAsync();
        _clock.Advance(TimeSpan.FromHours(13));
        await AssertRefusedAsync(server, proxy, "expired at");
    }

    [Test]
    public async Task A_proxy_not_yet_valid_is_refused()
    {
        var proxy = await _grid.ProxyAsync("early");
        _clockOffset = TimeSpan.FromHours(-1);
        var server = await StartAsync();
        await AssertRefusedAsync(server, proxy, "is not yet valid");
    }

    [Test]
    public async Task A_proxy_of_a_user_of_another_CA_is_refused()
    {
        await _grid.CaAsync("other-ca", "/DC=org/DC=other/CN=Other CA");
        await _grid.IssueAsync("other-ca", "mallory", "/DC=org/DC=other/CN=Mallory", "ee.ext", "5001");
        var proxy = await _grid.ProxyAsync("wrong-ca", user: "mallory");
        var server = await StartAsync();
        await AssertRefusedAsync(server, proxy, "/DC=org/DC=other/CN=Mallory is not issued by a CA of the CA folder");
    }

    [Test]
    public async Task A_proxy_of_a_revoked_user_is_refused_by_the_CAs_CRL()
    {
        var proxy = await _grid.ProxyAsync("revoked", user: "bob");
        var server = await StartAsync();
        await AssertRefusedAsync(server, proxy, "/DC=org/DC=test/O=People/CN=Bob Roe is revoked");
    }

    [Test]
    public async Task A_CRL_added_to_the_CA_folder_is_read_at_the_next_look()
    {
        var folder = Path.Combine(_grid.Folder, "certificates-later");
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(_grid.CaPath, "*.0")) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        var proxy = await _grid.ProxyAsync("revoked-later", user: "bob");
        var server = await StartAsync(caPath: folder);
        Assert.That((await GetAsync(server, proxy)).Status, Is.EqualTo(HttpStatusCode.OK));

        foreach (var f in Directory.GetFiles(_grid.CaPath, "*.r0")) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        Assert.That((await GetAsync(server, proxy)).Status, Is.EqualTo(HttpStatusCode.OK), "looked at again only after ReloadSeconds");
        _clock.Advance(TimeSpan.FromSeconds(61));
        await AssertRefusedAsync(server, proxy, "is revoked");
    }

    [Test]
    public async Task An_attribute_certificate_signed_by_another_key_is_refused()
    {
        // A rogue CA and VOMS server with the very DNs the vomsdir lists: only their keys differ.
        await _grid.CaAsync("rogue-ca", GridCredentials.CaDn);
        await _grid.IssueAsync("rogue-ca", "rogue-voms", GridCredentials.VomsDn, "ee.ext", "2001");
        var proxy = await _grid.ProxyAsync("forged", voms: "rogue-voms");
        var server = await StartAsync();
        await AssertRefusedAsync(server, proxy, $"the VOMS server certificate {GridCredentials.VomsDn} is not issued by a CA of the CA folder");
    }

    [Test]
    public async Task An_expired_attribute_certificate_is_refused()
    {
        var proxy = await _grid.ProxyAsync("ac-expired", more: ["-vomslife", "1"]);
        var server = await StartAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        await AssertRefusedAsync(server, proxy, $"the VOMS attribute certificate of {GridCredentials.Vo} expired at");
    }

    [Test]
    public async Task An_attribute_certificate_of_a_VO_without_an_lsc_is_refused()
    {
        var proxy = await _grid.ProxyAsync("wrong-vo", vo: "other.vo", fqan: "/other.vo/Role=NULL/Capability=NULL");
        var server = await StartAsync();
        await AssertRefusedAsync(server, proxy, "the VO other.vo has no VOMS server in the vomsdir");
    }

    [Test]
    public async Task A_proxy_of_a_proxy_within_the_path_length_is_accepted()
    {
        var first = await _grid.ProxyAsync("within-1", more: ["-hours", "48", "-path-length", "1"]);
        var second = await _grid.ProxyOfProxyAsync(first, "within-2");
        var server = await StartAsync();
        var (status, body, _) = await GetAsync(server, second);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
    }

    [Test]
    public async Task A_proxy_outliving_the_proxy_that_signed_it_is_refused()
    {
        var first = await _grid.ProxyAsync("short-1", more: ["-hours", "12"]);
        var second = await _grid.ProxyOfProxyAsync(first, "short-2", days: 2);
        var server = await StartAsync();
        await AssertRefusedAsync(server, second, "is valid outside its issuer's validity");
    }

    [Test]
    public async Task A_proxy_of_a_proxy_beyond_the_path_length_is_refused()
    {
        var first = await _grid.ProxyAsync("beyond-1", more: ["-hours", "48", "-path-length", "0"]);
        var second = await _grid.ProxyOfProxyAsync(first, "beyond-2");

        // Over TLS OpenSSL finds the violation while SslStream builds the chain, and the handshake is dropped
        // (.NET has no status for it, see OpenSslProxyCertificates): curl gets no answer at all.
        var server = await StartAsync();
        var (exit, status) = await _grid.TryRunAsync("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cert", second, "--key", second,
            "--cacert", _grid.CaCertificate, new Uri(server.BaseAddress, "/-/").ToString());
        Assert.That((exit, status), Is.Not.EqualTo((0, "200")));

        // Forwarded by a TLS-terminating proxy, the chain gets the gateway's own answer.
        var (forwarded, body) = await ForwardedAsync("127.0.0.1", second);
        Assert.That(forwarded, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain("a proxy of a proxy beyond the path length: /DC=org/DC=test/O=People/CN=Alice Doe/CN="));
    }

    /// <summary>A plain-http server behind a TLS-terminating proxy at <paramref name="trusted"/>, asked with the chain of <paramref name="pemFile"/> in the header.</summary>
    private async Task<(HttpStatusCode Status, string Body)> ForwardedAsync(string trusted, string pemFile)
    {
        var server = await StartAsync(https: false, more: [("Occi:Auth:X509:ForwardedHeader", "X-SSL-Client-Cert-Chain"), ("Occi:Auth:X509:TrustedProxies", trusted)]);
        var chain = string.Concat(GridCredentials.Blocks(await File.ReadAllTextAsync(pemFile)).Where(b => b.Contains("CERTIFICATE", StringComparison.Ordinal)));
        var request = server.Request(HttpMethod.Get, "/-/");
        request.Headers.Add("X-SSL-Client-Cert-Chain", Uri.EscapeDataString(chain));
        using var response = await server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestCase("127.0.0.1", HttpStatusCode.OK)]
    [TestCase("10.0.0.0/8, 192.0.2.1", HttpStatusCode.Unauthorized)]
    public async Task The_forwarded_chain_header_is_believed_from_trusted_proxies_only(string trusted, HttpStatusCode expected)
    {
        var proxy = await _grid.ProxyAsync("forwarded");
        var (status, body) = await ForwardedAsync(trusted, proxy);
        Assert.That(status, Is.EqualTo(expected), body);
    }

    /// <summary>
    /// rOCCI-cli's Keystone fallback with a VOMS proxy against the built-in Keystone: the 401 of a request without a
    /// certificate points at it alone; v3 federated "mapped" auth with the proxy, the projects, a scoped token; then
    /// the OCCI interface with that token on a connection that presents no certificate.
    /// </summary>
    [Test]
    public async Task rOCCI_cli_s_x509_sequence_through_the_built_in_Keystone_ends_in_a_200()
    {
        var proxy = await _grid.ProxyAsync("builtin-keystone");
        var server = await StartAsync(more: [("Occi:Auth:Schemes", "X509,Keystone"), ("Occi:Auth:Keystone:BuiltIn", "/identity/")]);
        using var anonymous = DotNetClient(server, null);
        using var withProxy = DotNetClient(server, proxy);

        using var refused = await anonymous.SendAsync(server.Request(HttpMethod.Get, "/-/"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refused.Headers.GetValues("WWW-Authenticate").Single(), Is.EqualTo($"Keystone uri=\"{server.Root}/identity/\""));

        var v3 = server.Root + "/identity/v3";
        using var federated = await withProxy.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v3 + "/OS-FEDERATION/identity_providers/egi.eu/protocols/mapped/auth", null, "{}"));
        Assert.That(federated.StatusCode, Is.EqualTo(HttpStatusCode.Created), await federated.Content.ReadAsStringAsync());
        var unscoped = federated.Headers.GetValues("X-Subject-Token").Single();

        using var projects = await anonymous.SendAsync(KeystoneRequests.Json(HttpMethod.Get, v3 + "/auth/projects", unscoped, null));
        Assert.That(projects.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var project = System.Text.Json.JsonDocument.Parse(await projects.Content.ReadAsStringAsync()).RootElement.GetProperty("projects")[0].GetProperty("id").GetString()!;
        Assert.That(project, Is.EqualTo(GridCredentials.Vo), "the VO is the tenant the proxy acts in");

        using var scoped = await anonymous.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v3 + "/auth/tokens", unscoped, KeystoneRequests.ScopeBody(unscoped, project)));
        Assert.That(scoped.StatusCode, Is.EqualTo(HttpStatusCode.Created), await scoped.Content.ReadAsStringAsync());

        var occi = server.Request(HttpMethod.Get, "/-/");
        occi.Headers.Add("X-Auth-Token", scoped.Headers.GetValues("X-Subject-Token").Single());
        using var answered = await anonymous.SendAsync(occi);
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>
    /// rOCCI-cli's Keystone v2 handler with a VOMS proxy (keystone-VOMS): POST tokens {"auth":{"voms":true}} presenting
    /// the proxy, GET tenants with that token, POST tokens again scoped with tenantName; then OCCI with the scoped token.
    /// </summary>
    [Test]
    public async Task rOCCI_cli_s_v2_voms_sequence_through_the_built_in_Keystone_ends_in_a_200()
    {
        var proxy = await _grid.ProxyAsync("builtin-keystone-v2");
        var server = await StartAsync(more: [("Occi:Auth:Schemes", "X509,Keystone"), ("Occi:Auth:Keystone:BuiltIn", "/identity/")]);
        using var anonymous = DotNetClient(server, null);
        using var withProxy = DotNetClient(server, proxy);
        var v2 = server.Root + "/identity/v2.0";

        using var unscoped = await withProxy.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v2 + "/tokens", null, """{"auth":{"voms":true}}"""));
        Assert.That(unscoped.StatusCode, Is.EqualTo(HttpStatusCode.OK), await unscoped.Content.ReadAsStringAsync());
        var token = System.Text.Json.JsonDocument.Parse(await unscoped.Content.ReadAsStringAsync()).RootElement.GetProperty("access").GetProperty("token").GetProperty("id").GetString()!;

        using var tenants = await anonymous.SendAsync(KeystoneRequests.Json(HttpMethod.Get, v2 + "/tenants", token, null));
        Assert.That(tenants.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tenant = System.Text.Json.JsonDocument.Parse(await tenants.Content.ReadAsStringAsync()).RootElement.GetProperty("tenants")[0].GetProperty("name").GetString()!;
        Assert.That(tenant, Is.EqualTo(GridCredentials.Vo));

        var scope = System.Text.Json.JsonSerializer.Serialize(new { auth = new { voms = true, tenantName = tenant } });
        using var scoped = await withProxy.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v2 + "/tokens", null, scope));
        Assert.That(scoped.StatusCode, Is.EqualTo(HttpStatusCode.OK), await scoped.Content.ReadAsStringAsync());
        var access = System.Text.Json.JsonDocument.Parse(await scoped.Content.ReadAsStringAsync()).RootElement.GetProperty("access").GetProperty("token");
        Assert.That(access.GetProperty("tenant").GetProperty("name").GetString(), Is.EqualTo(GridCredentials.Vo));

        var occi = server.Request(HttpMethod.Get, "/-/");
        occi.Headers.Add("X-Auth-Token", access.GetProperty("id").GetString()!);
        using var answered = await anonymous.SendAsync(occi);
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>Occi:Auth:X509's keys are checked at start, without any grid tool.</summary>
public sealed class X509AuthSettingTests
{
    [TestCase("Occi:Auth:X509:CaPath", "/nonexistent/certificates")]
    [TestCase("Occi:Auth:X509:TrustedProxies", "10.0.0.1, proxy.example.org")]
    [TestCase("Occi:Auth:X509:ReloadSeconds", "0")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value)
    {
        var e = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            (string, string)[] settings = [("Occi:Auth:Schemes", "X509"), ("Occi:Auth:X509:CaPath", Path.GetTempPath()), (key, value)];
            await using var server = await RunningServer.StartAsync(null, settings);
        });
        Assert.That(e!.Message, Does.Contain(key));
    }

    [Test]
    public void A_DN_is_written_in_OpenSSLs_slash_form_in_encoded_order()
    {
        var name = new X500DistinguishedName("CN=Alice Doe, O=People, DC=test, DC=org");
        Assert.That(Occi.Server.Auth.X509.DistinguishedName.Slash(name), Is.EqualTo("/DC=org/DC=test/O=People/CN=Alice Doe"));
    }
}
