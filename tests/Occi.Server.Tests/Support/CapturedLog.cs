using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Occi.Server.Tests.Support;

/// <summary>Every line the server logs at Warning or above, with its category and event id, as formatted.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public IEnumerable<CapturedLine> Of(string category) => Lines.Where(l => l.Category == category);

    public void Dispose() { }

    private sealed class Category(CapturedLog log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var fields = state is IReadOnlyList<KeyValuePair<string, object?>> list
                ? list.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value?.ToString())
                : [];
            log.Lines.Enqueue(new CapturedLine(name, logLevel, eventId.Id, formatter(state, exception), fields));
        }
    }
}

public sealed record CapturedLine(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, string?> Fields);
