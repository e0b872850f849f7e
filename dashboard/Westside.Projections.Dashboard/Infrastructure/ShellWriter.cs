using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Westside.Projections.Dashboard.Components;
using Westside.Projections.Dashboard.Features.Freshness;

namespace Westside.Projections.Dashboard.Infrastructure;

// Writes a full page: the Shell around a rendered body. The Shell is rendered once per title and path
// with placeholders, then each request writes its parts around the per-request ones: the antiforgery
// token (base64url, checked; in hx-headers and in the sign-out form), the freshness badge (rendered once
// per second and state) and the body.
// Everything written was produced by Razor components, which escape every value.
public sealed partial class ShellWriter
{
    private const string TokenMark = "__westside_csrf_token__";
    private const string BadgeMark = "<!--westside:badge-->";
    private const string BodyMark = "<!--westside:body-->";
    private const int MaxEntries = 512;

    private readonly ConcurrentDictionary<(string Title, string Path), Template> _templates = new();
    private readonly ConcurrentDictionary<FreshnessView, byte[]> _badges = new();

    public async Task WriteAsync(HttpContext httpContext, string title, ReadOnlyMemory<byte> body, FreshnessView freshness, int statusCode)
    {
        var path = httpContext.Request.Path.Value ?? "/";
        var template = await TemplateAsync(httpContext, title, path);
        var badge = await BadgeAsync(httpContext, freshness);
        var token = HtmxPage.AntiforgeryToken(httpContext);
        if (!SafeToken().IsMatch(token))
        {
            throw new InvalidOperationException("The antiforgery token is not base64url: it cannot go into the page unescaped.");
        }

        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var writer = response.BodyWriter;
        var tokenBytes = Encoding.ASCII.GetBytes(token);
        for (var i = 0; i < template.AroundTokens.Length - 1; i++)
        {
            writer.Write(template.AroundTokens[i]);
            writer.Write(tokenBytes);
        }

        writer.Write(template.AroundTokens[^1]);
        writer.Write(badge);
        writer.Write(template.BeforeBody);
        writer.Write(body.Span);
        writer.Write(template.AfterBody);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private async Task<Template> TemplateAsync(HttpContext httpContext, string title, string path)
    {
        if (_templates.TryGetValue((title, path), out var cached))
        {
            return cached;
        }

        var html = await ComponentHtml.RenderAsync(httpContext, typeof(Shell), new Dictionary<string, object?>
        {
            [nameof(Shell.Title)] = title,
            [nameof(Shell.Path)] = path,
            [nameof(Shell.AntiforgeryToken)] = TokenMark,
            [nameof(Shell.BadgeHtml)] = BadgeMark,
            [nameof(Shell.BodyHtml)] = BodyMark,
        });
        var template = Template.Split(html);
        Bound(_templates);
        _templates[(title, path)] = template;
        return template;
    }

    // The badge only changes once a second: render it once per second and state.
    private async Task<byte[]> BadgeAsync(HttpContext httpContext, FreshnessView freshness)
    {
        var key = freshness.ToTheSecond();
        if (_badges.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var html = await ComponentHtml.RenderAsync(httpContext, typeof(FreshnessBadge), new Dictionary<string, object?> { ["Model"] = key });
        var bytes = Encoding.UTF8.GetBytes(html);
        Bound(_badges);
        _badges[key] = bytes;
        return bytes;
    }

    private static void Bound<TKey, TValue>(ConcurrentDictionary<TKey, TValue> entries)
        where TKey : notnull
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]*$")]
    private static partial Regex SafeToken();

    // AroundTokens: the HTML up to the badge, cut at each token (the body's hx-headers, the sign-out form).
    private sealed record Template(byte[][] AroundTokens, byte[] BeforeBody, byte[] AfterBody)
    {
        public static Template Split(string html)
        {
            var badge = html.IndexOf(BadgeMark, StringComparison.Ordinal);
            var body = html.IndexOf(BodyMark, StringComparison.Ordinal);
            var aroundTokens = badge < 0 ? [] : html[..badge].Split(TokenMark);
            if (aroundTokens.Length < 2 || body < badge || html.IndexOf(TokenMark, badge, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException("The Shell lost a placeholder: it must hold the token (before the badge), the badge and the body, in that order.");
            }

            return new Template(
                aroundTokens.Select(Encoding.UTF8.GetBytes).ToArray(),
                Encoding.UTF8.GetBytes(html[(badge + BadgeMark.Length)..body]),
                Encoding.UTF8.GetBytes(html[(body + BodyMark.Length)..]));
        }
    }
}
