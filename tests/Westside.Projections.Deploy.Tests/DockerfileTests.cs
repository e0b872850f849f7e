using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Westside.Projections.Deploy.Tests.Support;
using Westside.Projections.Testing;

namespace Westside.Projections.Deploy.Tests;

// The images' rules (issue 8): multi-stage, small runtime image, non-root, read-only root filesystem
// friendly, a health check, no secret baked in.
public sealed partial class DockerfileTests
{
    public const string Projector = "projector/Westside.Projections.Projector/Dockerfile";
    public const string Dashboard = "dashboard/Westside.Projections.Dashboard/Dockerfile";
    public const string Fixture = "ops/fixture/Dockerfile";

    public static TheoryData<string, string> Images => new()
    {
        { Projector, "mcr.microsoft.com/dotnet/aspnet:10.0" },
        { Dashboard, "mcr.microsoft.com/dotnet/aspnet:10.0" },
        { Fixture, "mcr.microsoft.com/dotnet/runtime:10.0" },
    };

    public static TheoryData<string> Dockerfiles => [Projector, Dashboard, Fixture];

    private static Dockerfile Load(string relative) => Dockerfile.Load(RepoPaths.Combine(relative));

    [Theory]
    [MemberData(nameof(Images))]
    public void Builds_with_the_SDK_and_runs_on_the_runtime_image_only(string relative, string runtimeImage)
    {
        var file = Load(relative);

        Assert.True(file.Stages.Count >= 2, $"{relative}: a multi-stage build has at least two FROM");
        Assert.Contains(file.Stages, s => s.From.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 ", StringComparison.Ordinal));
        Assert.StartsWith(runtimeImage + " ", file.Final.From, StringComparison.Ordinal);
        // The runtime stage only copies the published output of the build stage.
        var copies = file.Final.All("COPY").ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.StartsWith("--from=build ", c.Arguments, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Runs_as_a_non_root_user(string relative)
    {
        var user = Load(relative).Final.Last("USER");

        Assert.NotNull(user);
        // $APP_UID is the .NET images' non-root `app` user (uid 1654), which the manifests pin with runAsUser.
        var name = user.Arguments.Split(':')[0];
        Assert.True(
            name is "$APP_UID" or "${APP_UID}" || (int.TryParse(name, out var uid) && uid > 0),
            $"{relative}:{user.Line}: USER {user.Arguments} is root or not a known non-root uid");
        Assert.True(
            Load(relative).Final.Instructions.SkipWhile(i => i != user).Skip(1).All(i => i.Keyword != "USER"),
            "the last USER wins");
    }

    [Theory]
    [InlineData(Projector)]
    [InlineData(Dashboard)]
    public void Long_running_images_have_a_health_check(string relative)
    {
        var check = Load(relative).Final.Last("HEALTHCHECK");

        Assert.NotNull(check);
        Assert.Contains(" CMD ", " " + check.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_projector_health_check_is_projector_status_on_the_published_assembly()
    {
        var file = Load(Projector);
        var assembly = XDocument.Load(RepoPaths.Combine("projector", "Westside.Projections.Projector", "Westside.Projections.Projector.csproj"))
            .Descendants("AssemblyName").Single().Value;

        var entrypoint = ExecForm(file.Final.Last("ENTRYPOINT")!.Arguments);
        var health = ExecForm(CommandOf(file.Final.Last("HEALTHCHECK")!.Arguments));

        Assert.Equal(["dotnet", $"/app/{assembly}.dll"], entrypoint);
        Assert.Equal(["dotnet", $"/app/{assembly}.dll", "status"], health);
        Assert.Equal(["run"], ExecForm(file.Final.Last("CMD")!.Arguments));
    }

    [Fact]
    public void The_dashboard_health_check_asks_healthz_on_the_port_it_listens_on()
    {
        var file = Load(Dashboard);
        var health = string.Join(' ', ExecForm(CommandOf(file.Final.Last("HEALTHCHECK")!.Arguments)));
        var port = Dockerfile.Assignments(file.Final.All("ENV").Single())
            .Single(a => a.Name == "ASPNETCORE_HTTP_PORTS").Value;

        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", health, StringComparison.Ordinal);
        Assert.Contains("GET /healthz ", health, StringComparison.Ordinal);
        Assert.Equal(["dotnet", "/app/Westside.Projections.Dashboard.dll"], ExecForm(file.Final.Last("ENTRYPOINT")!.Arguments));
        Assert.Contains(file.Final.All("EXPOSE"), e => e.Arguments == port);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Is_friendly_to_a_read_only_root_filesystem(string relative)
    {
        // Without diagnostics the runtime opens no IPC socket, so nothing writes outside /tmp.
        var env = Load(relative).Final.All("ENV").SelectMany(Dockerfile.Assignments).ToList();

        Assert.Contains(("DOTNET_EnableDiagnostics", "0"), env);
        Assert.DoesNotContain(Load(relative).Final.All("VOLUME"), _ => true);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Bakes_in_no_secret(string relative)
    {
        var file = Load(relative);

        foreach (var instruction in file.All("ENV").Concat(file.All("ARG")))
        {
            foreach (var (name, value) in Dockerfile.Assignments(instruction))
            {
                Assert.False(
                    SecretName().IsMatch(name) && !string.IsNullOrEmpty(value),
                    $"{relative}:{instruction.Line}: {instruction.Keyword} {name} holds a value: secrets come from the environment at run time");
            }
        }

        foreach (var copy in file.All("COPY").Concat(file.All("ADD")))
        {
            Assert.DoesNotMatch(EnvFile(), copy.Arguments);
        }
    }

    [Fact]
    public void The_build_context_leaves_out_env_files_build_output_and_node_modules()
    {
        var ignored = File.ReadAllLines(RepoPaths.Combine(".dockerignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Subset(ignored, new HashSet<string> { ".env", ".env.*", "**/bin/", "**/obj/", "**/node_modules/", ".git", ".local/" });
    }

    [Fact]
    public void Every_file_the_projector_image_copies_from_the_context_exists()
    {
        foreach (var copy in Load(Projector).All("COPY").Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                Assert.True(File.Exists(RepoPaths.Combine(source)) || Directory.Exists(RepoPaths.Combine(source)), $"COPY source {source} does not exist");
            }
        }
    }

    private static string CommandOf(string healthcheck) =>
        healthcheck[(healthcheck.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..];

    private static string[] ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments) ?? throw new FormatException($"not the JSON exec form: {arguments}");

    [GeneratedRegex("(?i)(password|passwd|secret|token|api_?key|private_?key|credential|pgurl|connection)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(^|[\s/])\.env(\.|\s|$)")]
    private static partial Regex EnvFile();
}
