using System.Diagnostics;
using Westside.Projections.ReadModel.Store;

namespace Westside.Projections.Projector.Engine;

// Turns counts into RebuildProgress (rate and ETA of the current phase; overall percent: replaying
// 0-50, writing 50-99, catching up 99) and says when the next report is due.
public sealed class ProgressMeter(DateTimeOffset startedAt, long eventsTotal, TimeSpan interval)
{
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
    private Stopwatch _phase = Stopwatch.StartNew();
    private string _phaseName = "replaying";
    private long _eventsDone;
    private long _documentsDone;
    private long _documentsTotal;

    public bool Due => _sinceReport.Elapsed >= interval;

    public RebuildProgress Replaying(long eventsDone)
    {
        _eventsDone = eventsDone;
        var percent = eventsTotal == 0 ? 50 : 50.0 * eventsDone / eventsTotal;
        return Make(eventsDone, eventsTotal, percent);
    }

    public RebuildProgress Writing(long documentsDone, long documentsTotal)
    {
        Enter("writing");
        (_documentsDone, _documentsTotal) = (documentsDone, documentsTotal);
        var percent = 50 + (documentsTotal == 0 ? 49 : 49.0 * documentsDone / documentsTotal);
        return Make(documentsDone, documentsTotal, percent);
    }

    public RebuildProgress CatchingUp(long eventsDone, long eventsTotal)
    {
        Enter("catching-up");
        _eventsDone = eventsDone;
        return Make(0, 0, 99) with { EventsTotal = eventsTotal };
    }

    private void Enter(string phase)
    {
        if (_phaseName != phase)
        {
            _phaseName = phase;
            _phase = Stopwatch.StartNew();
        }
    }

    private RebuildProgress Make(long done, long total, double percent)
    {
        _sinceReport.Restart();
        var seconds = _phase.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        double? eta = rate > 0 ? Math.Round((total - done) / rate, 1) : null;
        return new RebuildProgress(
            _phaseName, _eventsDone, eventsTotal, _documentsDone, _documentsTotal, Math.Round(rate), eta,
            Math.Round(Math.Clamp(percent, 0, 100), 1), startedAt, DateTimeOffset.UtcNow);
    }
}
