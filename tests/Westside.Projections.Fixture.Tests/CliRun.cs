namespace Westside.Projections.Fixture.Tests;

// Runs the fixture CLI in-process and captures what it printed.
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string All => Out + Err;
}
