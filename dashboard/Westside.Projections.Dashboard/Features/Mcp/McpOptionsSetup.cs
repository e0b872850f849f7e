using System.Globalization;
using Microsoft.Extensions.Options;

namespace Westside.Projections.Dashboard.Features.Mcp;

public sealed class McpOptionsSetup(IConfiguration configuration) : IConfigureOptions<McpOptions>, IValidateOptions<McpOptions>
{
    public void Configure(McpOptions options)
    {
        var resource = configuration[McpOptions.ResourceUrlVariable];
        if (!string.IsNullOrWhiteSpace(resource))
        {
            if (Uri.TryCreate(resource.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
                && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
            {
                options.ResourceUrl = uri.AbsoluteUri;
            }
            else
            {
                options.Problems.Add($"{McpOptions.ResourceUrlVariable} must be an absolute https URL without query or fragment " +
                    "(http only on loopback), e.g. https://dashboard.example/mcp");
            }
        }

        options.RateLimitPerMinute = Positive(McpOptions.RateLimitVariable, options.RateLimitPerMinute, options, 100_000);
        options.MaxRequestBytes = Positive(McpOptions.MaxRequestBytesVariable, (int)options.MaxRequestBytes, options, 1_048_576);
    }

    public ValidateOptionsResult Validate(string? name, McpOptions options) =>
        options.Problems.Count > 0 ? ValidateOptionsResult.Fail(options.Problems) : ValidateOptionsResult.Success;

    private int Positive(string key, int fallback, McpOptions options, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 && value <= max)
        {
            return value;
        }

        options.Problems.Add($"{key} must be a whole number from 1 to {max}");
        return fallback;
    }
}
