using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// Data about minors' families never reaches a log. A whole session over the demo club (every page and
// API with real ids, searches by family name, htmx swaps, a CSV export, a rebuild, a refused form, a
// denied coach, a wrong password, sign-out) is logged at Trace level, and neither the dashboard's log
// nor the OpenID provider's output contains one demo name, email address or phone number.
public sealed partial class LogScanTests(ClubSignInStack stack) : IClassFixture<ClubSignInStack>
{
    private Uri At(string path) => new(stack.Root, path);

    [Fact]
    public async Task A_full_session_over_the_demo_club_logs_no_name_email_or_phone()
    {
        var requests = await RunSessionAsync();

        var log = stack.Log.Lines.Select(l => l.ToString()).Concat(stack.Provider.Output).ToList();
        var found = new List<string>();
        foreach (var (kind, value, pattern) in DemoPii())
        {
            var line = log.FirstOrDefault(pattern.IsMatch);
            if (line is not null)
            {
                found.Add($"{kind} '{value}' in: {line}");
            }
        }

        Assert.True(requests > 100, $"the session made only {requests} requests");
        Assert.True(log.Count > 200, $"only {log.Count} log lines were captured");
        Assert.Contains(log, l => l.Contains(OidcProvider.MarcusSubject, StringComparison.Ordinal));
        Assert.True(found.Count == 0, string.Join("\n", found.Take(20)));
    }

    // Every name, email and phone number of the demo club's families, as patterns: names as whole words,
    // phones as written and as bare digits.
    private IEnumerable<(string Kind, string Value, Regex Pattern)> DemoPii()
    {
        var data = stack.Data;
        var names = data.Parents.Select(p => $"{p.FirstName} {p.LastName}")
            .Concat(data.Players.Select(p => $"{p.FirstName} {p.LastName}"))
            .Concat(data.Contracts.Select(c => c.SignerName).OfType<string>())
            .Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            yield return ("name", name, new Regex(@"(?<!\w)" + Regex.Escape(name) + @"(?!\w)", RegexOptions.IgnoreCase));
        }

        foreach (var last in data.Parents.Select(p => p.LastName).Concat(data.Players.Select(p => p.LastName)).Distinct(StringComparer.Ordinal))
        {
            yield return ("last name", last, new Regex(@"(?<!\w)" + Regex.Escape(last) + @"(?!\w)"));
            // As a URL carries it (a search, a return URL): García -> Garc%C3%ADa, O'Brien -> O%27Brien.
            foreach (var escaped in new[] { Uri.EscapeDataString(last), Uri.EscapeDataString(Uri.EscapeDataString(last)) }.Where(e => e != last))
            {
                yield return ("last name (URL-encoded)", last, new Regex(Regex.Escape(escaped), RegexOptions.IgnoreCase));
            }
        }

        foreach (var email in data.Parents.Select(p => p.Email).OfType<string>())
        {
            yield return ("email", email, new Regex(Regex.Escape(email), RegexOptions.IgnoreCase));
            var local = email.Split('@')[0];
            yield return ("email", email, new Regex(@"(?<![\w.])" + Regex.Escape(local) + "(?:@|%40)", RegexOptions.IgnoreCase));
        }

        foreach (var phone in data.Parents.Select(p => p.Phone).OfType<string>())
        {
            yield return ("phone", phone, new Regex(Regex.Escape(phone)));
            yield return ("phone", phone, new Regex(@"(?<!\d)" + Digits().Replace(phone, "") + @"(?!\d)"));
        }
    }

    [GeneratedRegex(@"\D")]
    private static partial Regex Digits();

    private async Task<int> RunSessionAsync()
    {
        var count = 0;
        var data = stack.Data;
        var lastNames = data.Parents.Select(p => p.LastName).Distinct(StringComparer.Ordinal).Take(3).ToList();

        // A coach is turned away, and a mistyped password stays on the form.
        using (var coach = new HttpBrowser())
        {
            await coach.SignInAsync(At("/triage?q=" + Uri.EscapeDataString(lastNames[0])), "coach", "demo");
            count++;
        }

        using (var typo = new HttpBrowser())
        {
            await typo.SignInAsync(At("/"), "marcus", "not-it");
            count++;
        }

        using var marcus = new HttpBrowser();
        var start = await marcus.SignInAsync(At("/cohorts?q=" + Uri.EscapeDataString(lastNames[1])), "marcus", "demo");
        Assert.Equal(HttpStatusCode.OK, start.Status);
        var token = HttpBrowser.HiddenInput(start.Body, "__RequestVerificationToken");

        var cohorts = await marcus.Http.GetFromJsonAsync<JsonElement>(At("/api/cohorts"));
        var cohortNames = cohorts.EnumerateArray().Select(c => c.GetProperty("value").GetString()!).ToList();
        var projections = await marcus.Http.GetFromJsonAsync<JsonElement>(At("/api/projections"));
        var projectionNames = projections.GetProperty("status").GetProperty("projections").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()!).ToList();

        var paths = new List<string>();
        foreach (var route in AppRoutes.All(stack.Dashboard.Services).Where(r => r.Method == "GET" && !r.AllowsAnonymous))
        {
            paths.AddRange(Expand(route.Template, data, cohortNames, projectionNames));
        }

        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            foreach (var query in lastNames.Select(n => "q=" + Uri.EscapeDataString(n)).Prepend(""))
            {
                var url = At(query.Length == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
                using var page = await marcus.Http.GetAsync(url);
                using var swap = new HttpRequestMessage(HttpMethod.Get, url);
                swap.Headers.Add("HX-Request", "true");
                swap.Headers.Add("HX-Current-URL", url.AbsoluteUri);
                using var fragment = await marcus.Http.SendAsync(swap);
                count += 2;
            }
        }

        // The one write, with and without its token; then sign out.
        using (var rebuild = new HttpRequestMessage(HttpMethod.Post, At($"/projections/{projectionNames[0]}/rebuild")))
        {
            rebuild.Headers.Add("HX-Request", "true");
            rebuild.Headers.Add("X-CSRF-TOKEN", token);
            Assert.Equal(HttpStatusCode.OK, (await marcus.Http.SendAsync(rebuild)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest,
            (await marcus.Http.PostAsync(At($"/projections/{projectionNames[1]}/rebuild"), new FormUrlEncodedContent([]))).StatusCode);
        await marcus.FollowAsync(new HttpRequestMessage(HttpMethod.Post, At("/signout"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        });
        return count + 3;
    }

    // Real ids for the route parameters, so the pages render real families' data.
    private static IEnumerable<string> Expand(
        string template, Fixture.DemoDataset data, IReadOnlyList<string> cohorts, IReadOnlyList<string> projections)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return [template];
        }

        IEnumerable<string> values = template switch
        {
            _ when template.Contains("{cohort}", StringComparison.Ordinal) => cohorts,
            _ when template.Contains("{name}", StringComparison.Ordinal) => projections,
            _ when template.StartsWith("/players/", StringComparison.Ordinal) => data.Players.Take(5).Select(p => $"{p.Id}"),
            _ => data.Parents.Take(8).Select(p => $"{p.Id}"),
        };
        return values.Select(v => ParameterPattern().Replace(template, v, 1));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();
}
