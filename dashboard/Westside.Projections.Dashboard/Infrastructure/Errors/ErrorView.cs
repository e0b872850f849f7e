namespace Westside.Projections.Dashboard.Infrastructure.Errors;

// What an error page says: plain words and a reference to find the log line, never a stack trace.
public sealed record ErrorView(string Heading, string Message, string? Reference = null);
