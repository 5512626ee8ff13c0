using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Local;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 8: while the circuit breaker holds calls off, its 503 says for how long (Retry-After, whole
/// seconds left of the break, at least 1). The simulator fails every create until told otherwise; the
/// breaker runs on a clock the test moves. The model refresh, which would follow that clock too, is kept
/// out of the way: its call could be the one the half-open breaker lets through.
/// </summary>
public class BreakerRetryAfterTests : ServerTest
{
    private const int BreakSeconds = 15;
    private readonly FakeTimeProvider _clock = new();
    private volatile bool _failing;

    protected override (string Key, string Value)[] Settings =>
    [
        ("Occi:Resilience:BreakerMinimumThroughput", "2"), ("Occi:Resilience:BreakerFailureRatio", "0.5"),
        ("Occi:Resilience:BreakerBreakSeconds", BreakSeconds.ToString()), ("Occi:Local:ActionDelayMs", "0"),
        ("Occi:ModelRefreshSeconds", "86400"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private Task<HttpResponseMessage> CreateAsync() => SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);

    /// <summary>Failing creates until the breaker opens; returns its first 503.</summary>
    private async Task<HttpResponseMessage> OpenBreakerAsync()
    {
        _failing = true; // NUnit shares the fixture between its tests
        Server.Services.GetRequiredService<LocalBackend>().InjectFailure((operation, _) => _failing && operation == LocalOperation.Create);
        for (var i = 0; i < 200; i++)
        {
            var r = await CreateAsync();
            if (r.StatusCode == HttpStatusCode.ServiceUnavailable) return r;
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        }
        Assert.Fail("the breaker did not open after 200 failed creates");
        return null!;
    }

    private static string? RetryAfter(HttpResponseMessage r) =>
        r.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;

    [Test]
    public async Task The_breakers_503_carries_the_whole_break_as_Retry_After()
    {
        var r = await OpenBreakerAsync();
        Assert.That(RetryAfter(r), Is.EqualTo(BreakSeconds.ToString()), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Retry_After_counts_down_with_the_break_and_is_at_least_one_second()
    {
        await OpenBreakerAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(RetryAfter(await CreateAsync()), Is.EqualTo((BreakSeconds - 10).ToString()));
        _clock.Advance(TimeSpan.FromSeconds(4.8));
        var last = await CreateAsync();
        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(RetryAfter(last), Is.EqualTo("1"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task After_the_break_a_healthy_backend_is_reached_again_without_Retry_After()
    {
        await OpenBreakerAsync();
        _failing = false;
        _clock.Advance(TimeSpan.FromSeconds(BreakSeconds + 1));
        var r = await CreateAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(RetryAfter(r), Is.Null);
    }

    [Test]
    public async Task A_collection_action_the_breaker_held_off_on_every_member_is_503_with_Retry_After()
    {
        var computes = new[] { await CreateComputeAsync(), await CreateComputeAsync() };
        await OpenBreakerAsync();
        _clock.Advance(TimeSpan.FromSeconds(3));
        var r = await SendAsync(HttpMethod.Post, "/compute/?action=stop", OcciText.Action("compute", "stop"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await r.Content.ReadAsStringAsync());
        Assert.That(RetryAfter(r), Is.EqualTo((BreakSeconds - 3).ToString()));
        _failing = false;
        _clock.Advance(TimeSpan.FromSeconds(BreakSeconds));
        foreach (var compute in computes)
            Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_backend_error_that_is_not_the_breaker_has_no_Retry_After()
    {
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Create);
        var r = await CreateAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(RetryAfter(r), Is.Null);
    }
}
