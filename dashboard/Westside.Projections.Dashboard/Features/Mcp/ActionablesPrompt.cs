using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Westside.Projections.Dashboard.Features.Mcp;

[McpServerPromptType]
public sealed class ActionablesPrompt
{
    public const string Name = "actionables_today";
    public const string Question = "What are my data gaps and actionables today?";

    [McpServerPrompt(Name = Name, Title = "Actionables today")]
    [Description("The head coach's daily question: the data gaps and the actionables for today, from the today tool.")]
    public static string ActionablesToday() =>
        $"{Question} Call the today tool once, then list each actionable with its count, biggest first, " +
        "and say which tool (triage, clusters, jerseys, dues, gaps, outbox) shows the people behind it.";
}
