using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A fake clock that plays the latest a .NET 10 host may run a background service's ExecuteAsync (off the start path,
/// on the thread pool): a timer the service's ExecuteAsync makes is made only once the test has moved the clock after
/// start (<see cref="AdvanceAfterStart"/>), so a cadence that begins there misses that move, as it can in CI. Timers
/// made anywhere else (at start, by requests) are made at once.
/// </summary>
public sealed class LateTimerClock(Type service) : FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero))
{
    private readonly ManualResetEventSlim _moved = new();
    private int _advancing;

    /// <summary>Moves the clock, then lets the held timers be made.</summary>
    public void AdvanceAfterStart(TimeSpan by)
    {
        // What the move wakes runs on this thread, and the timers it makes are made at once.
        _advancing = Environment.CurrentManagedThreadId;
        Advance(by);
        _moved.Set();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Bounded: a test that never moves the clock still stops.
        if (!_moved.IsSet && Environment.CurrentManagedThreadId != _advancing && MadeInExecuteAsync()) _moved.Wait(TimeSpan.FromSeconds(30));
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Whether the caller is <c>service</c>'s ExecuteAsync (its async state machine is nested in the service's type).</summary>
    private bool MadeInExecuteAsync()
    {
        foreach (var frame in new StackTrace().GetFrames())
            if (frame.GetMethod()?.DeclaringType is { } type && type.DeclaringType == service && type.Name.StartsWith("<ExecuteAsync>", StringComparison.Ordinal))
                return true;
        return false;
    }
}
