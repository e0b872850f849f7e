using Westside.Projections.Dashboard.Infrastructure.Errors;

namespace Westside.Projections.Dashboard.Infrastructure;

// A 404 that is still a page (or a fragment for htmx), saying what was not found.
public sealed class NotFoundPage(string message) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status404NotFound;

    public string Message { get; } = message;

    public Task ExecuteAsync(HttpContext httpContext) =>
        HtmxPage.Of<ErrorPage, ErrorFragment>("Not found", new ErrorView("Not found", Message), StatusCodes.Status404NotFound)
            .ExecuteAsync(httpContext);
}
