using System.Text.Json;
using Westside.Projections.Fixture.Loading;
using Westside.Projections.Fixture.Tests.Generation;

namespace Westside.Projections.Fixture.Tests;

public class CliTests
{
    private const string AsOf = "2026-11-22T12:00:00Z";

    [Fact]
    public async Task Dump_prints_the_datasets_digest_the_same_every_time()
    {
        var first = await CliRun.RunAsync("dump", "--as-of", AsOf);
        var second = await CliRun.RunAsync("dump", "--seed", "42", "--players", "150", "--as-of", AsOf);

        Assert.Equal(Cli.Ok, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
        using var json = JsonDocument.Parse(first.Out);
        Assert.Equal(DatasetDigest.Compute(Datasets.Demo).Sha256, json.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(150, json.RootElement.GetProperty("tables").GetProperty("players").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Dump_with_another_seed_prints_another_digest()
    {
        var a = await CliRun.RunAsync("dump", "--seed", "1", "--as-of", AsOf);
        var b = await CliRun.RunAsync("dump", "--seed=2", "--as-of", AsOf);
        Assert.NotEqual(Sha(a.Out), Sha(b.Out));
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var run = await CliRun.RunAsync("help");
        Assert.Equal(Cli.Ok, run.ExitCode);
        Assert.Contains("apply-schema", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("load")]
    [InlineData("load", "--url")]
    [InlineData("dump", "--nope", "1")]
    [InlineData("dump", "--players", "10")]
    [InlineData("dump", "--players", "many")]
    [InlineData("dump", "--as-of", "yesterday")]
    [InlineData("dump", "--seed", "1", "--seed", "2")]
    [InlineData("dump", "stray")]
    public async Task Mistakes_on_the_command_line_exit_with_the_usage_code(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(Cli.Usage, run.ExitCode);
        Assert.Contains("usage: fixture", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_fails_without_echoing_the_password()
    {
        var run = await CliRun.RunAsync("load", "--url", "postgres://someone:topsecret-4711@127.0.0.1:1/nowhere", "--players", "100");
        Assert.Equal(Cli.Failed, run.ExitCode);
        Assert.Contains("fixture load failed", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret-4711", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_url_fails_without_echoing_it()
    {
        var run = await CliRun.RunAsync("apply-schema", "--url", "postgres://someone:topsecret-4711@[not-a-host");
        Assert.Equal(Cli.Failed, run.ExitCode);
        Assert.DoesNotContain("topsecret-4711", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sql_directory_is_reported_by_name()
    {
        var run = await CliRun.RunAsync("apply-schema", "--url", "postgres://someone@127.0.0.1:1/nowhere", "--sql-dir", "/nonexistent/sql");
        Assert.Equal(Cli.Failed, run.ExitCode);
        Assert.Contains("/nonexistent/sql", run.Err, StringComparison.Ordinal);
    }

    private static string? Sha(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("sha256").GetString();
    }
}
