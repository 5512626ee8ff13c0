using System.Diagnostics;

namespace Occi.Server.Telemetry;

/// <summary>
/// Times a call that returns a task and records it when the task ends. A call that completed synchronously
/// (an in-memory read, the simulator, a read cache) is recorded at once and its task returned as is: no state
/// machine, no allocation; when it also succeeded in under <see cref="Instrumentation.ImmediateBound"/> it is only
/// counted (<see cref="ImmediateAnswers"/>), which is what a GET of one compute's store read, links query and
/// backend refresh are on the Local backend and the embedded store. The span, when a tracer listens, is made a
/// child of the caller's and ended with the call, whichever way the call is recorded.
/// </summary>
internal static class TimedCalls
{
    public static Task<T> Observe<T>(ICallMetrics metrics, string operation, string spanName, Func<Task<T>> call) =>
        Observe(metrics, operation, spanName, static c => c(), call);

    /// <summary>The call with its arguments as state, so the calls on every request allocate no closure.</summary>
    public static Task<T> Observe<T, TState>(ICallMetrics metrics, string operation, string spanName, Func<TState, Task<T>> call, TState state)
    {
        var started = Stopwatch.GetTimestamp();
        var (span, caller) = Start(spanName);
        Task<T> task;
        try
        {
            task = call(state);
        }
        catch (Exception e)
        {
            End(metrics, operation, Stopwatch.GetElapsedTime(started), span, e);
            throw;
        }
        finally
        {
            if (span is not null) Activity.Current = caller;
        }
        if (!task.IsCompleted) return AwaitAsync(metrics, operation, started, span, task);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (task.IsCompletedSuccessfully && elapsed < Instrumentation.ImmediateBound)
        {
            metrics.CountImmediate(operation);
            span?.Dispose();
        }
        else End(metrics, operation, elapsed, span, ErrorOf(task));
        return task;
    }

    public static Task Observe<TState>(ICallMetrics metrics, string operation, string spanName, Func<TState, Task> call, TState state) =>
        Observe(metrics, operation, spanName, static async s => { await s.call(s.state); return true; }, (call, state));

    private static async Task<T> AwaitAsync<T>(ICallMetrics metrics, string operation, long started, Activity? span, Task<T> task)
    {
        try
        {
            var result = await task;
            End(metrics, operation, Stopwatch.GetElapsedTime(started), span, null);
            return result;
        }
        catch (Exception e)
        {
            End(metrics, operation, Stopwatch.GetElapsedTime(started), span, e);
            throw;
        }
    }

    private static (Activity? Span, Activity? Caller) Start(string spanName)
    {
        // Traces off (the default): no listener, so neither the current span is read nor a new one asked for.
        if (!Instrumentation.Activities.HasListeners()) return default;
        var caller = Activity.Current;
        return (Instrumentation.Activities.StartActivity(spanName, ActivityKind.Client), caller);
    }

    private static Exception? ErrorOf(Task task) =>
        task.IsFaulted ? task.Exception!.InnerException : task.IsCanceled ? new TaskCanceledException(task) : null;

    private static void End(ICallMetrics metrics, string operation, TimeSpan elapsed, Activity? span, Exception? error)
    {
        metrics.Record(operation, elapsed, error);
        if (span is null) return;
        if (error is not null) span.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        span.Dispose();
    }
}
