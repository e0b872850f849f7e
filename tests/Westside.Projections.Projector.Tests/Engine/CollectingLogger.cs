using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Tests.Engine;

// Keeps every log line an in-process engine writes, so tests can read what operators would see.
public sealed class CollectingLogger : ILoggerProvider
{
    public ConcurrentQueue<(DateTime At, int EventId, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLogger owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((DateTime.UtcNow, eventId.Id, logLevel, formatter(state, exception) + (exception is null ? "" : $" {exception}")));
    }
}
