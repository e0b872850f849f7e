using System.Text.RegularExpressions;

namespace Westside.Projections.ReadModel.Outbox;

// An outbox row's last_error as we may keep it: contact data scrubbed, one line, at most 120 characters.
// basketball-api's worker stores exception messages (SMTP and GroupMe errors) that can name the
// recipient: "Jane Doe <jane@example.com>", a phone number, or the team's GroupMe share link (anyone
// holding it can join a group of minors' families). Scrubbing happens before truncation, so a cut
// cannot leave half an address behind. A bare name with no address beside it cannot be recognised.
// In ReadModel so that anything else that keeps an outbox error (events, documents) can scrub it the same way.
public static partial class ErrorText
{
    public const int MaxLength = 120;

    public static string? Scrub(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var scrubbed = NamedAddress().Replace(text, "[email]");
        scrubbed = Url().Replace(scrubbed, "[url]");
        scrubbed = Email().Replace(scrubbed, "[email]");
        scrubbed = PhoneLike().Replace(scrubbed, m => LooksLikePhone(m.Value) ? "[phone]" : m.Value);
        scrubbed = Whitespace().Replace(scrubbed, " ").Trim();
        return scrubbed.Length <= MaxLength ? scrubbed : string.Concat(scrubbed.AsSpan(0, MaxLength - 1), "…");
    }

    // Seven or more digits, unless it is an ISO date ("2026-03-24 10").
    private static bool LooksLikePhone(string candidate)
    {
        var digits = 0;
        foreach (var c in candidate)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits >= 7 && !IsoDate().IsMatch(candidate);
    }

    // "Jane Doe <jane@example.com>", "\"Doe, Jane\" <jane@example.com>": the display name goes too.
    [GeneratedRegex("""(?:"[^"]*"\s*|(?:\p{Lu}[\p{L}\p{M}'’.\-]*\s+){1,4})?<[^<>]*@[^<>]*>""")]
    private static partial Regex NamedAddress();

    [GeneratedRegex("""(?:https?://|www\.)\S+""", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex("""[^\s<>()\[\]{}'",;:]+@[^\s<>()\[\]{}'",;:]+""")]
    private static partial Regex Email();

    [GeneratedRegex("""(?<![\w.])\+?\(?\d[\d\s().\-]{5,}\d(?!\w)""")]
    private static partial Regex PhoneLike();

    [GeneratedRegex("""^\d{4}-\d{2}-\d{2}""")]
    private static partial Regex IsoDate();

    [GeneratedRegex("""\s+""")]
    private static partial Regex Whitespace();
}
