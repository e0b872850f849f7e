using System.Security.Cryptography;
using Htmx;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Westside.Projections.Dashboard.Infrastructure.Errors;

namespace Westside.Projections.Dashboard.Infrastructure;

// The one place that decides between a full page (layout + page) for a normal request and just the
// fragment an htmx swap targets. Both are the same URL, so caches must key on HX-Request (Vary).
// Pages take their data as a `Model` parameter; the page component usually renders the fragment inside.
// A Cached page reads documents only: its body is rendered once per URL and data version (PageCache),
// so a page view costs no store round trip until the projector commits again.
public sealed class HtmxPage : IResult, IStatusCodeHttpResult
{
    private readonly Func<CancellationToken, Task<object?>> _load;
    private readonly bool _cached;

    private HtmxPage(string title, Type page, Type fragment, Func<CancellationToken, Task<object?>> load, bool cached, int statusCode)
    {
        Title = title;
        Page = page;
        Fragment = fragment;
        _load = load;
        _cached = cached;
        StatusCode = statusCode;
    }

    public string Title { get; }
    public Type Page { get; }
    public Type Fragment { get; }
    public int StatusCode { get; }
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static HtmxPage Of<TPage, TFragment>(string title, object? model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
        where TFragment : IComponent =>
        new(title, typeof(TPage), typeof(TFragment), _ => Task.FromResult(model), cached: false, statusCode);

    // A page without a swappable part: an htmx request gets the page body itself.
    public static HtmxPage Of<TPage>(string title, object? model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(title, typeof(TPage), typeof(TPage), _ => Task.FromResult(model), cached: false, statusCode);

    public static HtmxPage Cached<TPage, TFragment>(string title, Func<CancellationToken, Task<object?>> load)
        where TPage : IComponent
        where TFragment : IComponent =>
        new(title, typeof(TPage), typeof(TFragment), load, cached: true, StatusCodes.Status200OK);

    public static HtmxPage Cached<TPage>(string title, Func<CancellationToken, Task<object?>> load)
        where TPage : IComponent =>
        new(title, typeof(TPage), typeof(TPage), load, cached: true, StatusCodes.Status200OK);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Htmx(h => h.WithVary());
        var fragment = httpContext.Request.WantsFragment();
        var body = await BodyAsync(httpContext, fragment ? Fragment : Page, fragment);
        if (fragment)
        {
            httpContext.Response.StatusCode = StatusCode;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
            return;
        }

        var services = httpContext.RequestServices;
        var freshness = await services.GetRequiredService<StoreWatch>().FreshnessAsync(httpContext.RequestAborted);
        await services.GetRequiredService<ShellWriter>().WriteAsync(httpContext, Title, body, freshness, StatusCode);
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

    private async Task<byte[]> BodyAsync(HttpContext httpContext, Type component, bool fragment)
    {
        var ct = httpContext.RequestAborted;
        var services = httpContext.RequestServices;
        // The version is read before the documents: a commit in between can only make a body newer than
        // its key (it is replaced at the next version), never older.
        var version = _cached ? await services.GetRequiredService<StoreWatch>().VersionAsync(ct) : null;
        if (version is null)
        {
            return await RenderAsync(httpContext, component, await _load(ct));
        }

        var cache = services.GetRequiredService<PageCache>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var key = new PageCache.Key(component, fragment, httpContext.Request.Path + httpContext.Request.QueryString, version, today);
        if (!cache.TryGet(key, out var html))
        {
            html = await RenderAsync(httpContext, component, await _load(ct));
            cache.Set(key, html);
        }

        return html;
    }

    private static async Task<byte[]> RenderAsync(HttpContext httpContext, Type component, object? model) =>
        System.Text.Encoding.UTF8.GetBytes(
            await ComponentHtml.RenderAsync(httpContext, component, new Dictionary<string, object?> { ["Model"] = model }));
}
