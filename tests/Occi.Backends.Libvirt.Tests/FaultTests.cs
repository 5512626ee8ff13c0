using Microsoft.Extensions.Time.Testing;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Infrastructure.Kinds;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>What a client sees when the host changes behind the gateway's back or stops answering well.</summary>
public sealed class FaultTests : BackendFixture
{
    [Test]
    public async Task Refresh_of_a_compute_whose_domain_was_undefined_behind_the_gateway_returns_false()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!)
        {
            domain.Destroy();
            domain.Undefine();
        }
        Assert.That(await Backend.RefreshAsync(Caller, compute, ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task An_action_on_a_compute_whose_domain_vanished_is_not_found()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!)
        {
            domain.Destroy();
            domain.Undefine();
        }
        var e = await Fails(() => Invoke(compute, Compute.Stop));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.NotFound));
    }

    [Test]
    public async Task An_action_the_state_machine_forbids_is_a_conflict()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        await Invoke(compute, Compute.Stop, "poweroff");
        var e = await Fails(() => Invoke(compute, Compute.Suspend));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain("inactive"));
    }

    [Test]
    public async Task A_state_changed_on_the_host_is_what_the_state_machine_checks()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!) domain.Destroy();
        // The entity still says active; the host says inactive, and the host wins.
        var e = await Fails(() => Invoke(compute, Compute.Restart));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task A_storage_volume_deleted_behind_the_gateway_refreshes_as_gone()
    {
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        using (var pool = Keeper.FindStoragePool(TestDriver.Pool)!)
        using (var volume = pool.FindVolume(storage.BackendId!)!)
            volume.Delete();
        Assert.That(await Backend.RefreshAsync(Caller, storage, ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task After_the_connection_drops_the_next_call_reconnects()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        Backend.DropConnection();
        Assert.That(await Backend.RefreshAsync(Caller, compute, ReadFreshness.Live, None), Is.True);
    }

    [Test]
    public async Task A_domain_of_the_same_uuid_not_made_by_the_gateway_is_left_alone()
    {
        var id = TestDriver.NewId();
        using (Keeper.DefineDomain($"<domain type='test'><name>foreign-{id}</name><uuid>{id}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>")) { }
        var compute = TestDriver.Compute();
        compute.Id = id;
        var e = await Fails(() => Backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        using var foreign = Keeper.FindDomain(Guid.Parse(id));
        Assert.That(foreign?.Name, Is.EqualTo($"foreign-{id}"));
    }

    [Test]
    public async Task A_missing_storage_pool_is_a_backend_failure_naming_the_pool()
    {
        var options = TestDriver.Options();
        options.StoragePool = "no-such-pool";
        using var backend = new LibvirtBackend(options);
        var e = await Fails(() => backend.CreateAsync(Caller, TestDriver.Storage(1), None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(e.Message, Does.Contain("no-such-pool"));
    }

    [Test]
    public async Task An_unreachable_host_is_unavailable()
    {
        TestDriver.Require();
        var options = TestDriver.Options();
        options.Uri = "qemu+tcp://127.0.0.1:1/system";
        options.RetryCount = 0;
        using var backend = new LibvirtBackend(options);
        var e = await Fails(() => backend.RefreshAsync(Caller, TestDriver.Compute(), ReadFreshness.Live, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Unavailable));
    }

    [Test]
    public async Task A_connection_lost_mid_operation_is_retried_on_a_fresh_connection()
    {
        TestDriver.Require();
        using var host = new LibvirtHost(TestDriver.Options());
        var connections = new List<Client.LibvirtConnection>();
        var type = await host.CallAsync(c =>
        {
            connections.Add(c);
            if (connections.Count == 1) throw new LibvirtException(LibvirtErrorCode.Rpc, 7, "End of file while reading data", "virDomainGetState");
            return c.DriverType;
        }, None);
        Assert.That(type, Is.EqualTo("TEST").IgnoreCase);
        Assert.That(connections, Has.Count.EqualTo(2));
        Assert.That(connections[1], Is.Not.SameAs(connections[0]));
    }

    [Test]
    public void A_call_that_does_not_return_in_time_is_abandoned()
    {
        TestDriver.Require();
        var options = TestDriver.Options();
        options.TimeoutSeconds = 0.2;
        var clock = new FakeTimeProvider();
        using var host = new LibvirtHost(options, clock);
        using var blocked = new ManualResetEventSlim(); // a libvirt call stuck in C, until the test lets it go
        var call = host.CallAsync(c => { blocked.Wait(); return 0; }, None);
        try
        {
            clock.Advance(TimeSpan.FromSeconds(0.2));
            Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        }
        finally
        {
            blocked.Set();
        }
    }

    [Test]
    public async Task Repeated_transient_failures_open_the_circuit()
    {
        TestDriver.Require();
        var options = TestDriver.Options();
        options.RetryCount = 0;
        options.BreakerMinimumThroughput = 2;
        options.BreakerBreakSeconds = 30;
        using var host = new LibvirtHost(options);
        var calls = 0;
        Exception? last = null;
        for (var i = 0; i < 5; i++)
        {
            try
            {
                await host.CallAsync<int>(_ => { calls++; throw new LibvirtException(LibvirtErrorCode.OperationTimeout, 0, "timed out"); }, None);
            }
            catch (Exception e)
            {
                last = e;
            }
        }
        Assert.That(last, Is.InstanceOf<BrokenCircuitException>());
        Assert.That(calls, Is.LessThan(5));
    }

    [Test]
    public void A_cancelled_request_does_not_reach_libvirt()
    {
        TestDriver.Require();
        using var host = new LibvirtHost(TestDriver.Options());
        var reached = false;
        Assert.CatchAsync<OperationCanceledException>(() => host.CallAsync(_ => reached = true, new CancellationToken(true)));
        Assert.That(reached, Is.False);
    }

    [Test]
    public async Task A_kind_the_backend_does_not_manage_is_a_bad_request()
    {
        var entity = new Core.Model.Resource { Id = TestDriver.NewId(), Kind = new Core.Model.CategoryId("http://example.org/x#", "thing") };
        var e = await Fails(() => Backend.CreateAsync(Caller, entity, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }
}
