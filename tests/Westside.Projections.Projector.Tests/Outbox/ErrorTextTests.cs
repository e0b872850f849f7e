using Westside.Projections.ReadModel.Outbox;
using Xunit;

namespace Westside.Projections.Projector.Tests.Outbox;

public sealed class ErrorTextTests
{
    [Theory]
    [InlineData("SMTP 550 mailbox unavailable: jane.doe+kids@example.com", "SMTP 550 mailbox unavailable: [email]")]
    [InlineData("send to Jane O'Neil <jane@example.com> failed", "send to [email] failed")]
    [InlineData("send to \"Doe, Jane\" <jane@example.com> failed", "send to [email] failed")]
    [InlineData("GroupMe invite failed for +1 (555) 123-4567", "GroupMe invite failed for [phone]")]
    [InlineData("no such number 555.123.4567; giving up", "no such number [phone]; giving up")]
    [InlineData("link https://groupme.com/join_group/12345/AbCdEf expired", "link [url] expired")]
    [InlineData("timeout after 30000 ms at 2026-03-24 10:15:00", "timeout after 30000 ms at 2026-03-24 10:15:00")]
    [InlineData("HTTP 503\n  Service   Unavailable", "HTTP 503 Service Unavailable")]
    public void Contact_data_is_scrubbed_and_the_rest_is_kept(string error, string expected)
    {
        Assert.Equal(expected, ErrorText.Scrub(error));
    }

    [Fact]
    public void Long_errors_are_cut_to_120_characters_after_scrubbing()
    {
        var error = new string('x', 110) + " parent.with.a.long.address@example.com and more text after it";

        var scrubbed = ErrorText.Scrub(error)!;

        Assert.Equal(120, scrubbed.Length);
        Assert.EndsWith("…", scrubbed);
        Assert.DoesNotContain("@", scrubbed);
        Assert.DoesNotContain("parent.with", scrubbed);
    }

    [Fact]
    public void No_error_is_no_error()
    {
        Assert.Null(ErrorText.Scrub(null));
        Assert.Null(ErrorText.Scrub("  "));
    }
}
