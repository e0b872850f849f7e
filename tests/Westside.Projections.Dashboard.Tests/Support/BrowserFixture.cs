using Microsoft.Playwright;

namespace Westside.Projections.Dashboard.Tests.Support;

// The demo club, the dashboard on a real port, the projector running beside it (so the freshness
// badge is live), and headless Debian chromium driven by Playwright.
public sealed class BrowserFixture : ClubFixture
{
    public const int BrowserPollIntervalMs = 1000;
    private readonly CancellationTokenSource _stopProjector = new();
    private Task? _projector;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public KestrelDashboardApp Web => (KestrelDashboardApp)App;

    protected override int PollIntervalMs => BrowserPollIntervalMs;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _projector = ClubLoader.RunProjectorAsync(SourceReadOnly, Store, TimeSpan.FromMilliseconds(BrowserPollIntervalMs), _stopProjector.Token);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task StopProjectorAsync()
    {
        await _stopProjector.CancelAsync();
        if (_projector is not null)
        {
            await _projector;
        }
    }

    public override async Task DisposeAsync()
    {
        await StopProjectorAsync();
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        _stopProjector.Dispose();
        await base.DisposeAsync();
    }

    protected override DashboardApp CreateApp() => new KestrelDashboardApp(Store, BrowserPollIntervalMs);
}
