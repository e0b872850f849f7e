using System.Reflection;
using Microsoft.Extensions.Logging;
using Westside.Projections.Projector.Engine;
using Xunit;

namespace Westside.Projections.Projector.Tests.Configuration;

public sealed class LogEventIdTests
{
    // Operators and tests find a log line by its event id: one id, one message.
    [Fact]
    public void Every_log_event_id_of_the_projector_names_one_message()
    {
        var messages = typeof(LeaderSession).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 30, $"{messages.Count} log messages found");
        var shared = messages.GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();
        Assert.Empty(shared);
    }
}
