namespace Occi.Server.Tests.Support;

/// <summary>A clock the test moves by hand, given to the server in place of the system clock (the simulator's delays follow it).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
