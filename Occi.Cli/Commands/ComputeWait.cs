using Occi.Cli.Protocol;
using Occi.Core.Model;
using Spectre.Console;

namespace Occi.Cli.Commands;

/// <summary>
/// --wait: reads the compute again until occi.compute.state is "active" (GFD.184 §3.1.1), "error" ending it as the
/// cloud's failure, the deadline as a timeout. A spinner with the state shows on a terminal; redirected, nothing does.
/// </summary>
internal static class ComputeWait
{
    private const string StateAttribute = "occi.compute.state";
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromSeconds(5);

    public static Task<Entity> UntilActiveAsync(OcciSession session, Uri location, TimeSpan deadline, CliEnvironment env, CancellationToken cancel)
    {
        if (!env.IsTerminal) return PollAsync(session, location, deadline, env.Time, _ => { }, cancel);
        return env.AnsiConsoleOnOut().Status().Spinner(Spinner.Known.Dots).StartAsync($"waiting for {location.AbsolutePath}",
            status => PollAsync(session, location, deadline, env.Time, state => status.Status($"{location.AbsolutePath} is {state}"), cancel));
    }

    private static async Task<Entity> PollAsync(OcciSession session, Uri location, TimeSpan deadline, TimeProvider time, Action<string> report, CancellationToken cancel)
    {
        var started = time.GetTimestamp();
        var interval = FirstInterval;
        while (true)
        {
            var compute = await session.GetEntityAsync(location, cancel);
            var state = compute.Attributes.TryGet(StateAttribute, out var value) ? value.ToString() : "(no state)";
            report(state);
            if (state == "active") return compute;
            if (state == "error")
            {
                var why = compute.Attributes.GetString("occi.compute.state.message");
                throw new OcciFailure(ExitCode.ServerError, $"{location.AbsolutePath} went to error" + (why is null ? "" : ": " + why));
            }
            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= deadline)
                throw new OcciFailure(ExitCode.Timeout, $"{location.AbsolutePath} is {state}, not active, after {deadline.TotalSeconds:0} s");
            var wait = deadline - elapsed < interval ? deadline - elapsed : interval;
            await Task.Delay(wait, time, cancel);
            interval = interval * 2 > LongestInterval ? LongestInterval : interval * 2;
        }
    }
}
