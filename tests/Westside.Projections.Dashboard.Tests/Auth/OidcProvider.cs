using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Westside.Projections.Testing;

namespace Westside.Projections.Dashboard.Tests.Auth;

// The local OpenID provider (ops/oidc/server.mjs, a Keycloak look-alike) as a child process on a free
// port, registered for one dashboard port. Its stdout is kept: the log-scan test reads it too.
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "westside-dashboard";
    public const string ClientSecret = "demo-secret";
    public const string MarcusSubject = "6f1c2a8e-4b7d-4c1e-9a53-0d2f7b9e1a01";
    public const string CoachSubject = "9b4e7d21-3c6a-4f0b-8e12-5a7c9d3f2b02";

    private static readonly SemaphoreSlim NpmLock = new(1, 1);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private OidcProvider(Process process, ConcurrentQueue<string> output, int port, string? keysDirectory)
    {
        _process = process;
        _output = output;
        Port = port;
        KeysDirectory = keysDirectory;
    }

    public int Port { get; }

    public string? KeysDirectory { get; }

    public string Issuer => $"http://127.0.0.1:{Port}/realms/westside-basketball";

    public IReadOnlyList<string> Output => _output.ToList();

    // The dashboard's MCP endpoint as a resource the provider issues tokens for (ops/oidc/mcp.mjs).
    public static string McpResource(int dashboardPort) => $"http://127.0.0.1:{dashboardPort}/mcp";

    public static async Task<OidcProvider> StartAsync(
        int dashboardPort, string? keysDirectory = null, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = RepoPaths.Combine("ops", "oidc");
        await EnsurePackagesAsync(directory);
        var providerPort = port ?? FreePort();
        var psi = new ProcessStartInfo("node", ["server.mjs"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["OIDC_PORT"] = $"{providerPort}";
        psi.Environment["OIDC_REDIRECT_URIS"] = $"http://127.0.0.1:{dashboardPort}/signin-oidc";
        psi.Environment["OIDC_POST_LOGOUT_REDIRECT_URIS"] = $"http://127.0.0.1:{dashboardPort}/";
        psi.Environment["OIDC_MCP_RESOURCES"] = McpResource(dashboardPort);
        if (keysDirectory is not null)
        {
            psi.Environment["OIDC_KEYS_DIR"] = keysDirectory;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException("The local OpenID provider exited during start-up:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new OidcProvider(process, output, providerPort, keysDirectory);
    }

    // Only with OIDC_TEST_FAULTS=1 (ops/oidc/README.md, "Test faults"): the next token response carries an ID
    // token that is wrong in this one way (wrong-audience, expired, unknown-key).
    public async Task BreakNextIdTokenAsync(string fault)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{Issuer}/test/id-token-fault",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["fault"] = fault }));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsurePackagesAsync(string directory)
    {
        await NpmLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var error = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in ops/oidc failed: {await error}");
            }
        }
        finally
        {
            NpmLock.Release();
        }
    }
}
