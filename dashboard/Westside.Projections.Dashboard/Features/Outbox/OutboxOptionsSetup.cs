using Microsoft.Extensions.Options;
using Westside.Projections.ReadModel.Outbox;

namespace Westside.Projections.Dashboard.Features.Outbox;

// Binds the thresholds from the environment and validates them at start-up (ValidateOnStart): a bad
// value stops the app with a message naming the variable.
public sealed class OutboxOptionsSetup(IConfiguration configuration) : IConfigureOptions<OutboxOptions>, IValidateOptions<OutboxOptions>
{
    public void Configure(OutboxOptions options)
    {
        try
        {
            options.Health = OutboxHealthOptions.FromEnvironment(key => configuration[key]);
        }
        catch (FormatException e)
        {
            options.Problem = e.Message;
        }
    }

    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        options.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
