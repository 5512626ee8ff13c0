using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Tests.Support;
using Occi.Storage.Embedded;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 11: options are bound and checked at start; a typo stops the start with the key's name.</summary>
public class StartupOptionsTests
{
    private static async Task<Exception> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        try
        {
            var server = await RunningServer.StartAsync(null, settings);
            await server.DisposeAsync();
        }
        catch (Exception e)
        {
            return e;
        }
        Assert.Fail($"the server started with {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        throw new InvalidOperationException();
    }

    private static string AllMessages(Exception e)
    {
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        return string.Join(" | ", messages);
    }

    [Test]
    public async Task A_durable_commits_value_that_is_no_boolean_stops_the_start_naming_the_key()
    {
        var e = await StartFailureAsync(("Occi:Embedded:DurableCommits", "ture"));
        Assert.That(AllMessages(e), Does.Contain("Occi:Embedded:DurableCommits"));
    }

    [Test]
    public async Task A_misspelled_embedded_key_stops_the_start_naming_it()
    {
        var e = await StartFailureAsync(("Occi:Embedded:DurableComits", "true"));
        Assert.That(AllMessages(e), Does.Contain("DurableComits"));
    }

    [TestCase("Occi:Limits:MaxPageSize", "0")]
    [TestCase("Occi:Resilience:BreakerFailureRatio", "1.5")]
    [TestCase("Occi:BaseUrl", "not a url")]
    [TestCase("Occi:Reconcile:IntervalSeconds", "-1")]
    [TestCase("Occi:Limits:MaxHeaderFieldBytes", "100")]
    [TestCase("Occi:Telemetry:OtlpProtocol", "udp")]
    [TestCase("Occi:Telemetry:OtlpExportSeconds", "0")]
    public async Task A_server_option_out_of_range_stops_the_start_naming_the_key(string key, string value)
    {
        var e = await StartFailureAsync((key, value));
        Assert.That(AllMessages(e), Does.Contain(key));
    }

    [Test]
    public async Task A_server_option_that_is_no_number_stops_the_start_naming_the_key()
    {
        var e = await StartFailureAsync(("Occi:Limits:MaxBodyBytes", "lots"));
        Assert.That(AllMessages(e), Does.Contain("Occi:Limits:MaxBodyBytes"));
    }

    // Issue 12 item 5: the backends' and stores' sections go the same options path as the server's. Libvirt's
    // are checked before the backend opens any connection, so those cases need no libvirt on the machine.
    [TestCase("Occi:Local:ActionDelayMs=-1")]
    [TestCase("Occi:Local:FailureRate=1.5")]
    [TestCase("Occi:Local:BootOnCreate=ture")]
    [TestCase("Occi:Local:DefaultAddressPool=10.0.0.0/99")]
    [TestCase("Occi:Local:OsTemplates:0:Title=Nameless", "Occi:Local:OsTemplates:0:Term")]
    [TestCase("Occi:Local:ResourceTemplates:0:Term=tiny", "Occi:Local:ResourceTemplates:0")]
    [TestCase("Occi:Json:Dialect=Occi13")]
    [TestCase("Occi:Backend=Libvirt Occi:Libvirt:TimeoutSeconds=0")]
    [TestCase("Occi:Backend=Libvirt Occi:Libvirt:BreakerFailureRatio=2")]
    [TestCase("Occi:Backend=Libvirt Occi:Libvirt:BootOnCreate=ture")]
    [TestCase("Occi:Store=Mongo", "Occi:Mongo:ConnectionString")]
    public async Task A_backend_store_or_dialect_value_out_of_range_stops_the_start_naming_the_key(string settings, string? named = null)
    {
        var pairs = settings.Split(' ').Select(s => s.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToArray();
        var e = await StartFailureAsync(pairs);
        Assert.That(AllMessages(e), Does.Contain(named ?? pairs[^1].Item1));
    }

    [Test]
    public async Task Values_accepted_before_the_options_path_still_are()
    {
        // An empty seed is no seed, a template's title defaults to its term, a configured list replaces the defaults.
        await using var server = await RunningServer.StartAsync(null,
            ("Occi:Local:FailureSeed", ""), ("Occi:Local:OsTemplates:0:Term", "alpine-3"), ("Occi:BaseUrl", ""));
        var model = await server.Client.GetStringAsync("/-/");
        Assert.That(model, Does.Contain("alpine-3;").And.Contain("title=\"alpine-3\""));
        Assert.That(model, Does.Not.Contain("ubuntu-24_04"));
    }

    [Test]
    public async Task Durable_commits_true_is_taken()
    {
        await using var server = await RunningServer.StartAsync(null, ("Occi:Embedded:DurableCommits", "true"));
        Assert.That(server.Services.GetRequiredService<EmbeddedStoreOptions>().DurableCommits, Is.True);
    }

    // Issue 14: authentication settings are checked at start, naming the key.

    [TestCase("Kerberos")]
    [TestCase("None,Basic")]
    [TestCase("Basic,basic")]
    public async Task A_bad_scheme_list_stops_the_start_naming_the_key(string schemes)
    {
        var e = await StartFailureAsync(("Occi:Auth:Schemes", schemes));
        Assert.That(AllMessages(e), Does.Contain("Occi:Auth:Schemes"));
    }

    [TestCase("Basic", "Occi:Auth:Basic:UsersFile")]
    [TestCase("Signature", "Occi:Auth:Signature:KeysFile")]
    public async Task A_scheme_without_its_file_stops_the_start_naming_the_key(string scheme, string key)
    {
        var e = await StartFailureAsync(("Occi:Auth:Schemes", scheme));
        Assert.That(AllMessages(e), Does.Contain(key + " must name"));
        e = await StartFailureAsync(("Occi:Auth:Schemes", scheme), (key, "/nonexistent/occi-credentials"));
        Assert.That(AllMessages(e), Does.Contain(key + " names /nonexistent/occi-credentials, which does not exist"));
    }

    [TestCase("Basic", "Occi:Auth:Basic:UsersFile", "alice:plain-text-password:tenant-a", "line 2")]
    [TestCase("Signature", "Occi:Auth:Signature:KeysFile", "alice:c2hvcnQ=:tenant-a", "at least 16")]
    public async Task A_bad_line_in_a_schemes_file_stops_the_start_naming_the_key_and_line(string scheme, string key, string line, string problem)
    {
        using var files = new CredentialFiles();
        var e = await StartFailureAsync(("Occi:Auth:Schemes", scheme), (key, files.Write("credentials", "# comment", line)));
        Assert.That(AllMessages(e), Does.Contain(key).And.Contain(problem));
    }

    [Test]
    public async Task A_signature_window_of_zero_stops_the_start_naming_the_key()
    {
        using var files = new CredentialFiles();
        var keys = files.Write("keys", "alice:" + Convert.ToBase64String(new byte[16]) + ":t");
        var e = await StartFailureAsync(("Occi:Auth:Schemes", "Signature"), ("Occi:Auth:Signature:KeysFile", keys), ("Occi:Auth:Signature:WindowSeconds", "0"));
        Assert.That(AllMessages(e), Does.Contain("Occi:Auth:Signature:WindowSeconds"));
    }

    [TestCase("/nonexistent/mapping.json", "does not exist")]
    [TestCase(null, "line 2")]
    public async Task A_missing_or_bad_mapping_file_stops_the_start_naming_the_key(string? path, string problem)
    {
        using var files = new CredentialFiles();
        path ??= files.Write("mapping", "{ \"rules\": [", "  { \"tenant\": } ] }");
        var e = await StartFailureAsync(("Occi:Tenancy:MappingFile", path));
        Assert.That(AllMessages(e), Does.Contain("Occi:Tenancy:MappingFile").And.Contain(problem));
    }
}
