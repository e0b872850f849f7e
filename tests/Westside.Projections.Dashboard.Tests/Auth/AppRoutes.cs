using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Every route the running app maps, read from its EndpointDataSource (not from a list in the test), with
// route parameters filled with sample values, one entry per HTTP method.
public static class AppRoutes
{
    public sealed record Route(string Method, string Template, string Path, bool AllowsAnonymous)
    {
        public bool IsApi => Path.StartsWith("/api/", StringComparison.Ordinal) || Path == "/api";

        public bool IsPageNavigation => Method == HttpMethods.Get && !IsApi;

        public override string ToString() => $"{Method} {Template}";
    }

    public static IReadOnlyList<Route> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var template = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                return methods.Select(m => new Route(m, template, Fill(e.RoutePattern), anonymous));
            })
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    private static string Fill(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Sample(parameter),
                    _ => throw new InvalidOperationException($"Unknown route part in {pattern.RawText}"),
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" or "min(1)" || (p.Content?.StartsWith("range", StringComparison.Ordinal) ?? false));
        return numeric ? "1" : "sample-" + parameter.Name.ToLowerInvariant();
    }
}
