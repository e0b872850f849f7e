using Microsoft.Extensions.Logging;

namespace Westside.Projections.Projector.Documents;

// An ILogger<T> over a logger the caller already has, for library types that ask for a typed one
// (Marten's ProjectionCoordinator): its lines go where the session's own lines go.
internal sealed class CategoryLogger<T>(ILogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
