using Htmx;
using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Westside.Projections.Dashboard.Features.Freshness;

namespace Westside.Projections.Dashboard.Infrastructure.Errors;

// Every error becomes a clear page (or fragment, or problem+json under /api/), never a stack trace.
// A store outage is a 503 that says so; anything else a 500 with a reference to the log line.
public sealed class DashboardExceptionHandler(
    ILogger<DashboardExceptionHandler> logger, IOptions<DashboardOptions> options, TimeProvider clock) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        var path = httpContext.Request.Path.Value ?? "";
        var badRequest = exception is BadHttpRequestException;
        var outage = !badRequest && StoreFailure.IsOutage(exception);
        if (badRequest)
        {
            Log.BadRequest(logger, path, traceId);
        }
        else if (outage)
        {
            Log.StoreUnavailable(logger, path, traceId, exception.GetType().Name);
        }
        else
        {
            Log.UnhandledError(logger, exception, path, traceId);
        }

        var status = outage ? StatusCodes.Status503ServiceUnavailable
            : badRequest ? StatusCodes.Status400BadRequest
            : StatusCodes.Status500InternalServerError;
        var view = badRequest
            ? PagesExtensions.BadAddress
            : outage
            ? new ErrorView("Read store unavailable",
                "The dashboard cannot reach its read store right now, so there is nothing to show. The club's data is safe; this page will work again as soon as the store is back.",
                traceId)
            : new ErrorView("Something went wrong",
                "This page could not be rendered. The error has been logged; try again, or open another page.",
                traceId);

        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await TypedResults.Problem(title: view.Heading, detail: view.Message, statusCode: status,
                extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(httpContext);
            return true;
        }

        httpContext.Response.Clear();
        httpContext.Response.Htmx(h => h.WithVary());
        var parameters = new Dictionary<string, object?> { ["Model"] = view };
        if (httpContext.Request.WantsFragment())
        {
            await new RazorComponentResult<ErrorFragment>(parameters) { StatusCode = status }.ExecuteAsync(httpContext);
            return true;
        }

        var freshness = outage
            ? FreshnessView.StoreDown(clock.GetUtcNow(), options.Value.PollInterval)
            : await httpContext.RequestServices.GetRequiredService<StoreWatch>().FreshnessAsync(httpContext.RequestAborted);
        var body = System.Text.Encoding.UTF8.GetBytes(await ComponentHtml.RenderAsync(httpContext, typeof(ErrorPage), parameters));
        await httpContext.RequestServices.GetRequiredService<ShellWriter>().WriteAsync(httpContext, view.Heading, body, freshness, status);
        return true;
    }
}
