using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 1's second half: when the store refuses an update the backend already applied, the
/// backend is put back, so the error the client gets means nothing changed.
/// </summary>
public class StoreRefusalTests
{
    private RunningServer _server = null!;
    private RefusingStore _store = null!;

    [SetUp]
    public async Task Start() => _server = await RunningServer.StartAsync(null, services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEntityStore));
        services.AddSingleton<IEntityStore>(sp => _store = new RefusingStore((IEntityStore)registered.ImplementationFactory!(sp)));
    });

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task An_update_the_store_refuses_leaves_the_backend_as_it_was()
    {
        var create = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/compute/")
        {
            Content = RunningServer.TextPlain(OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.memory=2.0\nX-OCCI-Attribute: occi.core.title=\"before\""),
        });
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;

        _store.Refusing = true;
        var update = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, compute)
        {
            Content = RunningServer.TextPlain("X-OCCI-Attribute: occi.compute.memory=8.0\nX-OCCI-Attribute: occi.core.title=\"after\""),
        });
        Assert.That((int)update.StatusCode, Is.EqualTo(503), await update.Content.ReadAsStringAsync());
        _store.Refusing = false;

        // GET refreshes from the backend: had the backend kept the change, memory would read 8 now.
        var text = await _server.Client.GetStringAsync(compute);
        Assert.That(OcciText.Attribute(text, "occi.compute.memory"), Is.EqualTo("2.0").Or.EqualTo("2"));
        Assert.That(OcciText.Attribute(text, "occi.core.title"), Is.EqualTo("before"));
    }
}
