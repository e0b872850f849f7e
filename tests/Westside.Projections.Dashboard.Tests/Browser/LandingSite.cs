using System.Net;
using System.Text;
using Westside.Projections.Dashboard.Tests.Auth;

namespace Westside.Projections.Dashboard.Tests.Browser;

// A stand-in for basketball-landing, the club's other app in the same realm: its sign-in callback on a
// real loopback port, registered for the provider's second client (basketball-landing). It only shows a
// page: what single sign-on rides on is the provider session the login created, not the landing app's code.
public sealed class LandingSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public LandingSite()
    {
        Port = OidcProvider.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Callback => $"http://127.0.0.1:{Port}/callback";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var body = Encoding.UTF8.GetBytes(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>basketball-landing</title></head>"
                + "<body><h1 id=\"landing\">basketball-landing</h1></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
