using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Westside.Projections.Dashboard.Components;
using Westside.Projections.Dashboard.Features.Freshness;
using Westside.Projections.Dashboard.Infrastructure.Errors;

namespace Westside.Projections.Dashboard.Infrastructure;

// The one place that decides between a full page (layout + page) for a normal request and just the
// fragment an htmx swap targets. Both are the same URL, so caches must key on HX-Request (Vary).
// Pages take their data as a `Model` parameter; the page component usually renders the fragment inside.
public sealed class HtmxPage : IResult, IStatusCodeHttpResult
{
    private HtmxPage(string title, Type page, Type fragment, object? model, int statusCode)
    {
        Title = title;
        Page = page;
        Fragment = fragment;
        Model = model;
        StatusCode = statusCode;
    }

    public string Title { get; }
    public Type Page { get; }
    public Type Fragment { get; }
    public object? Model { get; }
    public int StatusCode { get; }
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static HtmxPage Of<TPage, TFragment>(string title, object? model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
        where TFragment : IComponent =>
        new(title, typeof(TPage), typeof(TFragment), model, statusCode);

    // A page without a swappable part: an htmx request gets the page body itself.
    public static HtmxPage Of<TPage>(string title, object? model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(title, typeof(TPage), typeof(TPage), model, statusCode);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Append(HeaderNames.Vary, "HX-Request");
        var parameters = new Dictionary<string, object?> { ["Model"] = Model };
        if (httpContext.Request.WantsFragment())
        {
            await new RazorComponentResult(Fragment, parameters) { StatusCode = StatusCode }.ExecuteAsync(httpContext);
            return;
        }

        var services = httpContext.RequestServices;
        var freshness = await services.GetRequiredService<FreshnessService>().ReadAsync(httpContext.RequestAborted);
        await Shell.Render(httpContext, Title, Page, parameters, freshness, StatusCode);
    }

    internal static string AntiforgeryToken(HttpContext httpContext)
    {
        try
        {
            return httpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(httpContext).RequestToken ?? "";
        }
        catch (CryptographicException e) when (StoreFailure.IsOutage(e))
        {
            // The keys that sign tokens live in the store (Security/StoreXmlRepository). While it is unreachable
            // there is no token to give, and no write could succeed anyway: the page (the outage page above all)
            // still renders, its forms without a token.
            return "";
        }
    }
}
