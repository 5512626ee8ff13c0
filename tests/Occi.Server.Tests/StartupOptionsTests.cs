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

    [Test]
    public async Task Durable_commits_true_is_taken()
    {
        await using var server = await RunningServer.StartAsync(null, ("Occi:Embedded:DurableCommits", "true"));
        Assert.That(server.Services.GetRequiredService<EmbeddedStoreOptions>().DurableCommits, Is.True);
    }
}
