using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Westside.Projections.Projector.Requests;
using Westside.Projections.Testing;
using Wolverine.Runtime;
using Xunit;

namespace Westside.Projections.Projector.Tests.Requests;

// The projector loads Wolverine's handler code pre-generated (TypeLoadMode.Static, no Roslyn in the process),
// so the committed files must be exactly what Wolverine generates for today's handlers. A changed handler fails
// here with the command that rewrites them; the projector itself would refuse to start.
public sealed class PregeneratedHandlerTests
{
    private const string WriteVariable = "WESTSIDE_WRITE_CODEGEN";

    private static readonly string Committed =
        RepoPaths.Combine("projector", "Westside.Projections.Projector", "Internal", "Generated");

    [Fact]
    public void The_committed_handler_code_is_what_wolverine_generates_for_the_handlers()
    {
        var generated = Directory.CreateTempSubdirectory("westside-codegen-");
        try
        {
            Generate(generated.FullName);
            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                Replace(Committed, generated.FullName);
            }

            var expected = Files(generated.FullName);
            var actual = Files(Committed);
            var fix = $"rewrite them: {WriteVariable}=1 dotnet test tests/Westside.Projections.Projector.Tests --filter {nameof(PregeneratedHandlerTests)}, then commit {Path.GetRelativePath(RepoPaths.Root, Committed)}";
            Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()),
                $"generated files [{string.Join(", ", expected.Keys.Order())}] differ from the committed [{string.Join(", ", actual.Keys.Order())}]: {fix}");
            Assert.All(expected, file => Assert.True(file.Value == actual[file.Key], $"{file.Key} is stale: {fix}"));
        }
        finally
        {
            generated.Delete(recursive: true);
        }
    }

    // What `codegen write` does, for the projector's own Wolverine configuration, without a database.
    private static void Generate(string directory)
    {
        DynamicCodeBuilder.WithinCodegenCommand = true;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.AddProjectorRequests("Host=127.0.0.1;Port=1;Database=codegen");
            using var host = builder.Build();
            host.Services.GetRequiredService<IWolverineRuntime>().Options.CodeGeneration.GeneratedCodeOutputPath = directory;
            var code = new DynamicCodeBuilder(host.Services, [.. host.Services.GetServices<ICodeFileCollection>()])
            {
                ServiceVariableSource = host.Services.GetService<IServiceVariableSource>(),
            };
            code.WriteGeneratedCode(_ => { });
        }
        finally
        {
            DynamicCodeBuilder.WithinCodegenCommand = false;
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllText, StringComparer.Ordinal)
            : [];

    private static void Replace(string committed, string generated)
    {
        if (Directory.Exists(committed))
        {
            Directory.Delete(committed, recursive: true);
        }

        foreach (var (name, text) in Files(generated))
        {
            var path = Path.Combine(committed, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
