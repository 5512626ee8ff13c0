namespace Occi.Server.Auth;

/// <summary>
/// Makes a singleton when the host starts (after the options are validated), not at the first request: a credentials
/// file is read while it is the file the start checked, and its first request pays nothing for it.
/// </summary>
internal sealed class LoadedAtStart<T>(T loaded) : IHostedService where T : class
{
    public T Loaded { get; } = loaded;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
