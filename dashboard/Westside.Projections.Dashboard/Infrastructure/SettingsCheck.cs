using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Infrastructure;

// Runs every ValidateOnStart check right after the host is built, before anything starts: a bad setting
// stops the dashboard with the validation message naming the variable, and the host is never half
// started (a failure inside Run would dispose the host while the error is still on its way out).
public static class SettingsCheck
{
    public static void ValidateSettings(this WebApplication app) =>
        app.Services.GetRequiredService<IStartupValidator>().Validate();
}
