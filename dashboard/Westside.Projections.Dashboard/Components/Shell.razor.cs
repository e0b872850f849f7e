using Microsoft.AspNetCore.Http.HttpResults;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Infrastructure;

namespace Westside.Projections.Dashboard.Components;

public partial class Shell
{
    public static Task Render(
        HttpContext httpContext, string title, Type body, IDictionary<string, object?> bodyParameters,
        FreshnessView freshness, int statusCode)
    {
        var parameters = new Dictionary<string, object?>
        {
            [nameof(Title)] = title,
            [nameof(Body)] = body,
            [nameof(BodyParameters)] = bodyParameters,
            [nameof(Freshness)] = freshness,
            [nameof(AntiforgeryToken)] = HtmxPage.AntiforgeryToken(httpContext),
            [nameof(Path)] = httpContext.Request.Path.Value ?? "/",
        };
        return new RazorComponentResult<Shell>(parameters) { StatusCode = statusCode }.ExecuteAsync(httpContext);
    }
}
