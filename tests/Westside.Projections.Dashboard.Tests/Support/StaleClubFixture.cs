namespace Westside.Projections.Dashboard.Tests.Support;

// The demo club with a dashboard that expects a heartbeat every 100 ms: stale after 300 ms.
public sealed class StaleClubFixture : ClubFixture
{
    public const int FastPollIntervalMs = 100;

    protected override int PollIntervalMs => FastPollIntervalMs;
}
