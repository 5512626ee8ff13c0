using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Background;
using Occi.Server.Tests.Support;
using Compute = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Server.Tests;

/// <summary>
/// A background service's cadence starts when the host starts it, not when .NET gets round to running its ExecuteAsync
/// (off the start path in .NET 10): a clock moved right after the host reports started is a tick the service sees.
/// The clock (<see cref="LateTimerClock"/>) plays the latest ExecuteAsync may run.
/// </summary>
[NonParallelizable]
public sealed class BackgroundCadenceTests
{
    [Test]
    public async Task A_cloud_down_at_start_is_reconciled_by_the_first_sweep_once_the_clock_moves_an_interval()
    {
        var clock = new LateTimerClock(typeof(Reconciler));
        var orphanDeleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await RunningServer.StartAsync(null, services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                DownAtStartCloud.Install(services, Compute.Kind.Id, orphanDeleted);
            },
            ("Occi:Reconcile:IntervalSeconds", "60"), ("Occi:Reconcile:DeleteOrphans", "true"), ("Occi:ModelRefreshSeconds", "86400"));

        clock.AdvanceAfterStart(TimeSpan.FromSeconds(60));

        // The sweep runs on the background service: wait for it, bounded.
        Assert.That(async () => await orphanDeleted.Task.WaitAsync(TimeSpan.FromSeconds(30)), Throws.Nothing,
            "the first periodic sweep deletes the machine the store does not know from the cloud");
    }
}
