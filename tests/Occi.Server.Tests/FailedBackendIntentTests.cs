using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 11: a backend call that fails leaves no open intent behind (the reconciler would otherwise act on it at the next start).</summary>
public class FailedBackendIntentTests : ServerTest
{
    private Task<IReadOnlyList<Intent>> OpenIntentsAsync() =>
        Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None);

    [Test]
    public async Task Creates_the_backend_refuses_are_502_and_leave_no_open_intent()
    {
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Create, 3);
        for (var i = 0; i < 3; i++)
        {
            var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        }
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task A_delete_the_backend_refuses_is_502_keeps_the_entity_and_leaves_no_open_intent()
    {
        var compute = await CreateComputeAsync();
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Delete, 10); // more than the retries of an idempotent call
        var r = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
        await GetTextAsync(compute);
    }
}

/// <summary>The same with the simulator failing every call (Occi:Local:FailureRate=1), as the review reproduced it.</summary>
public class FailingBackendIntentTests : ServerTest
{
    protected override (string Key, string Value)[] Settings => [("Occi:Local:FailureRate", "1")];

    [Test]
    public async Task Three_502_creates_leave_no_open_intent()
    {
        for (var i = 0; i < 3; i++)
        {
            var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        }
        Assert.That(async () => await Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(10_000, 20));
    }
}
