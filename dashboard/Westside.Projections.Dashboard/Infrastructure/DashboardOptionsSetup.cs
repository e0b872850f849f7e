using Microsoft.Extensions.Options;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Dashboard.Infrastructure;

// Binds the environment variables and validates them at start-up (ValidateOnStart), so a missing or
// malformed setting stops the app with a message naming the variable, never the value (it may hold a password).
public sealed class DashboardOptionsSetup(IConfiguration configuration)
    : IConfigureOptions<DashboardOptions>, IValidateOptions<DashboardOptions>
{
    public void Configure(DashboardOptions options)
    {
        var store = configuration[DashboardOptions.StoreVariable];
        if (string.IsNullOrWhiteSpace(store))
        {
            options.StoreProblem =
                $"{DashboardOptions.StoreVariable} is not set. Set it to the PostgreSQL URL of the read store, e.g. postgres://user:pass@host:5432/westside_store.";
        }
        else
        {
            try
            {
                options.StoreConnectionString = PgConnectionString.Parse(store, DashboardOptions.StoreVariable);
            }
            catch (FormatException e)
            {
                options.StoreProblem = e.Message;
            }
        }

        if (configuration[DashboardOptions.PollIntervalVariable] is { Length: > 0 } ms)
        {
            if (int.TryParse(ms, out var value) && value is >= 50 and <= 600_000)
            {
                options.PollIntervalMs = value;
            }
            else
            {
                options.PollIntervalProblem =
                    $"{DashboardOptions.PollIntervalVariable} must be a whole number of milliseconds from 50 to 600000.";
            }
        }
    }

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var problems = new[] { options.StoreProblem, options.PollIntervalProblem }.OfType<string>().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
