using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Outbox;

namespace Westside.Projections.Projector.Tests.Outbox;

internal sealed class ListLogger : ILogger<OutboxSampler>
{
    public sealed record Entry(LogLevel Level, EventId Id, string Text);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Messages => _entries;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception)));
}
