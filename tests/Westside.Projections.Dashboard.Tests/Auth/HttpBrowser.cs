using System.Net;
using AngleSharp.Html.Parser;

namespace Westside.Projections.Dashboard.Tests.Auth;

// A minimal browser over HttpClient: one cookie jar for the dashboard and the provider, redirects followed
// by hand (so every hop can be asserted), forms read with AngleSharp. Signs in through the real flow:
// dashboard -> provider login form -> provider -> /signin-oidc -> the page that was asked for.
public sealed class HttpBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpBrowser()
    {
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public sealed record Page(Uri Url, HttpStatusCode Status, string Body, HttpResponseMessage Response, IReadOnlyList<Uri> Hops)
    {
        public string? Header(string name) =>
            Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values)
                : null;
    }

    public Task<Page> GoAsync(Uri url) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public async Task<Page> FollowAsync(HttpRequestMessage request)
    {
        var hops = new List<Uri>();
        for (var i = 0; i < 20; i++)
        {
            var url = request.RequestUri!;
            hops.Add(url);
            var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308))
            {
                return new Page(url, response.StatusCode, body, response, hops);
            }

            var next = new Uri(url, response.Headers.Location!);
            request.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, next);
            response.Dispose();
        }

        throw new InvalidOperationException("More than 20 redirects: " + string.Join(" -> ", hops));
    }

    // From any dashboard URL that needs a session: follows to the provider's login form, submits it,
    // and follows back. Returns the last page (the dashboard page, or the login form again on a bad password).
    public async Task<Page> SignInAsync(Uri dashboardUrl, string username, string password)
    {
        var form = await GoAsync(dashboardUrl);
        if (form.Status != HttpStatusCode.OK || !form.Body.Contains("kc-form-login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected the provider's login form, got {(int)form.Status} at {form.Url}");
        }

        return await SubmitLoginAsync(form, username, password);
    }

    public async Task<Page> SubmitLoginAsync(Page loginForm, string username, string password)
    {
        var document = Parser.ParseDocument(loginForm.Body);
        var action = document.QuerySelector("#kc-form-login")!.GetAttribute("action")!;
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(loginForm.Url, action))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password }),
        });
    }

    // The value of a hidden input in a page (the antiforgery token of a form).
    public static string HiddenInput(string html, string name) =>
        Parser.ParseDocument(html).QuerySelector($"input[name='{name}']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No input named {name} in the page.");

    public static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public void Dispose() => Http.Dispose();
}
