using Westside.Projections.Projector.Configuration;

namespace Westside.Projections.Projector.Commands;

// projector <command>: the verbs of README "Projector commands". Each returns an exit code.
public static class ProjectorCli
{
    public const string Usage = """
        usage: projector <command>
          check                      verify the source role is read-only, the source contract, and the store
          help                       this text
        environment: SOURCE_PGURL, STORE_PGURL (required), POLL_INTERVAL_MS (default 2000)
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var command = args.Length > 0 ? args[0] : "help";
        if (command is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        ProjectorSettings settings;
        try
        {
            settings = ProjectorSettings.FromEnvironment();
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine($"configuration error: {e.Message}");
            return ExitCodes.ConfigurationError;
        }

        return command switch
        {
            "check" => await CheckCommand.RunAsync(settings, ct),
            _ => UnknownCommand(command),
        };
    }

    private static int UnknownCommand(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'.");
        Console.Error.WriteLine(Usage);
        return ExitCodes.Usage;
    }
}
