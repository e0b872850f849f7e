using Westside.Projections.Projector.Configuration;

namespace Westside.Projections.Projector.Commands;

// projector <command>: the verbs of README "Projector commands". Each returns an exit code.
public static class ProjectorCli
{
    public const string Usage = """
        usage: projector <command>
          check                      verify the source role is read-only, the source contract, and the store
          run                        check, then poll the source and project into the store until stopped
                                     (several may run: one leads, the others stand by)
          rebuild <projection|all>   rebuild projections from the event log into a new generation, then swap
          resync                     re-snapshot the source into the event log (when the log is suspect)
          status                     log head, heartbeat, leader, and each projection's generation and lag
          help                       this text
        environment: SOURCE_PGURL, STORE_PGURL (required), POLL_INTERVAL_MS (default 2000),
                     PROJECTOR_INSTANCE (this process in the heartbeat and logs; default host:pid)
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
            "run" => await RunCommand.RunAsync(settings, ct),
            "rebuild" => await RebuildCommand.RunAsync(settings, args, ct),
            "resync" => await RequestCommand.RunAsync(settings, "resync", "all", Console.Out, ct),
            "status" => await StatusCommand.RunAsync(settings, Console.Out, ct),
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
