using Occi.Backends.Libvirt.Client;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>A <see cref="LibvirtBackend"/> on test:///default, with a keeper connection holding the driver's shared state.</summary>
public abstract class BackendFixture
{
    private protected LibvirtConnection Keeper = null!;
    private protected LibvirtOptions Options = null!;
    private protected LibvirtBackend Backend = null!;

    protected static Caller Caller => Caller.Anonymous;
    protected static CancellationToken None => CancellationToken.None;

    [OneTimeSetUp]
    public void OpenBackend()
    {
        // Every fixture starts on the driver's own default state: none of the domains an earlier one made. A libvirt
        // object handle an earlier fixture dropped without disposing keeps its connection, and so the state, alive
        // until its finalizer runs (seen in full runs, not alone): run them first; one still reachable fails here.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(TestDriver.HeldOpenElsewhere(), Is.False, "a test:///default connection of an earlier fixture is still open");
        Keeper = TestDriver.Open();
        Options = TestDriver.Options();
        Backend = new LibvirtBackend(Options);
    }

    [OneTimeTearDown]
    public void CloseBackend()
    {
        Backend?.Dispose();
        Keeper?.Dispose();
    }

    private protected Task<Entity> Invoke(Entity entity, OcciAction action, string? method = null)
    {
        var invocation = new ActionInvocation(action.Id);
        if (method is not null) invocation.Attributes["method"] = method;
        return Backend.InvokeAsync(Caller, entity, invocation, None);
    }

    private protected async Task<List<string>> Inventory(CategoryId kind)
    {
        var ids = new List<string>();
        await foreach (var id in Backend.InventoryAsync(kind, None)) ids.Add(id);
        return ids;
    }

    protected static async Task<OcciException> Fails(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (OcciException e)
        {
            return e;
        }
        Assert.Fail("expected an OcciException");
        throw new InvalidOperationException();
    }
}
