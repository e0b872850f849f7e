using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Westside.Projections.Dashboard.Infrastructure.Errors;
using Westside.Projections.Dashboard.Security;

namespace Westside.Projections.Dashboard.Infrastructure;

public static class AntiforgeryValidation
{
    // Minimal APIs validate antiforgery only for form-bound parameters; a POST without them is checked
    // here (the token comes in the X-CSRF-TOKEN header from hx-headers, or a hidden form field).
    public static RouteHandlerBuilder RequireAntiforgery(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new RequireAntiforgeryTokenAttribute())
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // UseAntiforgery has validated already when it saw the metadata (and then forbids reading the
            // form of an invalid request); without the middleware, validate here.
            var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } checkedByMiddleware
                ? checkedByMiddleware.IsValid
                : await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
            if (valid)
            {
                return await next(context);
            }

            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AntiforgeryValidation));
            Log.AntiforgeryRejected(logger, http.Request.Method, http.Request.Path.Value ?? "");
            return HtmxPage.Of<ErrorPage, ErrorFragment>("Request rejected",
                new ErrorView("Request rejected", "This form has expired. Reload the page and try again."),
                StatusCodes.Status400BadRequest);
        });
}
