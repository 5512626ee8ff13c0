namespace Occi.Server.Auth;

/// <summary>
/// A file of credentials (the Basic users file, the Signature keys file), read at start and again once it changes.
/// The file's modification time and length are looked at no more than once per <see cref="CheckInterval"/> of the
/// injected clock, so a request costs no file-system call; a changed file is read before the request it was noticed
/// on is checked, so a removed user or a changed hash is refused from then on. A new file that cannot be read keeps
/// the entries read before, and the error (with its line number) is logged once per version of the file.
/// </summary>
internal sealed partial class CredentialsFile<T> where T : class
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly Func<string, T> _load;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _reload = new();
    private volatile T _current;
    private (DateTime Written, long Length) _stamp;
    private long _nextCheck;

    /// <param name="load">Reads the file; throws <see cref="FormatException"/> naming the path and line of what is wrong.</param>
    public CredentialsFile(string path, Func<string, T> load, TimeProvider time, ILogger log)
    {
        _path = path;
        _load = load;
        _time = time;
        _log = log;
        _stamp = Stamp();
        _current = load(path);
        _nextCheck = time.GetTimestamp() + Ticks(CheckInterval);
    }

    public T Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (now >= Interlocked.Read(ref _nextCheck)) CheckForChange(now);
            return _current;
        }
    }

    private void CheckForChange(long now)
    {
        lock (_reload)
        {
            if (now < _nextCheck) return; // another request looked meanwhile
            Interlocked.Exchange(ref _nextCheck, now + Ticks(CheckInterval));
            var stamp = Stamp();
            if (stamp == _stamp) return;
            _stamp = stamp;
            try
            {
                _current = _load(_path);
                LogReloaded(_log, _path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                LogReloadFailed(_log, _path, e.Message);
            }
        }
    }

    private (DateTime, long) Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "credentials file {Path} changed and was read again")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "credentials file {Path} changed but cannot be used ({Problem}); the entries read before stay in force")]
    private static partial void LogReloadFailed(ILogger logger, string path, string problem);
}
