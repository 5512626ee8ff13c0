using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Local;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17, observability: GET /metrics (Prometheus) after a scripted workload counts the requests by OCCI
/// operation, method and status, the backend and store calls by operation and outcome (timed, or counted when
/// answered at once from memory), the breaker's state and the model refreshes. The model refresh runs on a clock the test moves.
/// </summary>
public class MetricsTests : ServerTest
{
    private readonly FakeTimeProvider _clock = new();

    protected override (string Key, string Value)[] Settings => [("Occi:ModelRefreshSeconds", "60")];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private static (string, string)[] Request(string operation, string method, int status) =>
        [("occi_operation", operation), ("http_request_method", method), ("http_response_status_code", status.ToString())];

    [Test]
    public async Task Metrics_count_the_requests_of_a_workload_by_operation_method_and_status()
    {
        var first = await CreateComputeAsync();
        var second = await CreateComputeAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await SendAsync(HttpMethod.Get, first)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SendAsync(HttpMethod.Get, second)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        Assert.That((await SendAsync(HttpMethod.Get, "/compute/" + Guid.NewGuid())).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SendAsync(HttpMethod.Get, "/-/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(HttpMethod.Get, "/compute/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var scrape = await PrometheusScrape.GetAsync(Http);
        const string requests = "occi_server_request_duration_seconds_count";
        Assert.Multiple(() =>
        {
            Assert.That(scrape.Sum(requests, Request("kind_collection", "POST", 201)), Is.EqualTo(2), scrape.Text);
            Assert.That(scrape.Sum(requests, Request("entity", "GET", 200)), Is.EqualTo(6));
            Assert.That(scrape.Sum(requests, Request("entity", "GET", 404)), Is.EqualTo(1));
            Assert.That(scrape.Sum(requests, Request("query_interface", "GET", 200)), Is.EqualTo(1));
            Assert.That(scrape.Sum(requests, Request("kind_collection", "GET", 200)), Is.EqualTo(1));
            // The histogram's buckets hold every request: the +Inf bucket equals the count.
            Assert.That(scrape.Sum("occi_server_request_duration_seconds_bucket", [.. Request("entity", "GET", 200), ("le", "+Inf")]), Is.EqualTo(6));
            // No entity id in any label: the series stay few whatever the clients ask for.
            Assert.That(scrape.Text, Does.Not.Contain(first.Split('/').Last()));
        });
    }

    [Test]
    public async Task Metrics_count_backend_calls_and_errors_by_operation_and_store_calls()
    {
        var compute = await CreateComputeAsync();
        await SendAsync(HttpMethod.Get, compute);
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Invoke);
        var failed = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "stop"));
        Assert.That((int)failed.StatusCode, Is.GreaterThanOrEqualTo(500), await failed.Content.ReadAsStringAsync());

        var scrape = await PrometheusScrape.GetAsync(Http);
        Assert.Multiple(() =>
        {
            Assert.That(scrape.BackendCallsOk(("occi_backend", "local"), ("occi_backend_operation", "create")), Is.EqualTo(1), scrape.Text);
            Assert.That(scrape.Sum("occi_backend_call_errors_total", ("occi_backend", "local"), ("occi_backend_operation", "invoke"), ("outcome", "BackendFailure")),
                Is.EqualTo(1));
            Assert.That(scrape.StoreCallsOk(("occi_store_operation", "put")), Is.GreaterThanOrEqualTo(1));
            Assert.That(scrape.Has("occi_backend_circuit_state", ("occi_backend", "local")), Is.True);
            Assert.That(scrape.Sum("occi_backend_circuit_state", ("occi_backend", "local")), Is.EqualTo(0), "closed");
        });
    }

    [Test]
    public async Task Metrics_count_the_calls_a_get_has_answered_from_memory_apart_from_the_timed_calls()
    {
        var compute = await CreateComputeAsync();
        var before = await PrometheusScrape.GetAsync(Http);
        for (var i = 0; i < 3; i++) Assert.That((await SendAsync(HttpMethod.Get, compute)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await PrometheusScrape.GetAsync(Http);

        double Added(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);
        (string, string)[] refresh = [("occi_backend", "local"), ("occi_backend_operation", "refresh")];
        Assert.Multiple(() =>
        {
            Assert.That(Added("occi_server_request_duration_seconds_count", Request("entity", "GET", 200)), Is.EqualTo(3), after.Text);
            // The Local backend answers a refresh from what it holds and asks no cloud; the embedded store reads from memory.
            // Each call is in one series or the other: timed only when it took 0.1 ms or more (a preempted thread can).
            Assert.That(Added("occi_backend_call_immediate_total", refresh), Is.Positive);
            Assert.That(after.BackendCallsOk(refresh) - before.BackendCallsOk(refresh), Is.EqualTo(3));
            Assert.That(Added("occi_store_operation_immediate_total", ("occi_store_operation", "get")), Is.Positive);
            Assert.That(after.StoreCallsOk(("occi_store_operation", "get")) - before.StoreCallsOk(("occi_store_operation", "get")), Is.EqualTo(3));
            // Each GET's links query (GFD.183 §4.5.4: a resource's links are rendered with it).
            Assert.That(after.StoreCallsOk(("occi_store_operation", "query")) - before.StoreCallsOk(("occi_store_operation", "query")), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Metrics_count_the_model_refreshes_as_the_clock_moves()
    {
        for (var round = 1; round <= 2; round++)
        {
            _clock.Advance(TimeSpan.FromSeconds(60));
            // The refresh runs on the background service: wait for it, bounded.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            PrometheusScrape scrape;
            do scrape = await PrometheusScrape.GetAsync(Http);
            while (scrape.Sum("occi_model_refresh_duration_seconds_count", ("part", "store")) < round && DateTime.UtcNow < deadline);
            Assert.That(scrape.Sum("occi_model_refresh_duration_seconds_count", ("part", "backend")), Is.EqualTo(round), scrape.Text);
            Assert.That(scrape.Sum("occi_model_refresh_duration_seconds_count", ("part", "store")), Is.EqualTo(round));
            Assert.That(scrape.Sum("occi_model_refresh_failures_total", ("part", "backend")), Is.Zero);
        }
    }
}
