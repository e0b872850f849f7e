namespace Westside.Projections.Projector.Engine;

// When a leader builds its documents in bulk instead of letting Marten's daemon catch up. At 50,000
// players on 2 cores the daemon works through a gap at 3,000-5,000 events/s (it stores the documents one
// by one), while a bulk build folds the whole log and writes every document at about 25,000 events/s
// (docs/engine-on-marten.md): the bulk build wins once the gap is about a fifth of the log. A small gap
// is the daemon's, however large the log: below about 50,000 events (10-17 s of the daemon's work) a bulk
// build, which writes a second copy of every table, is not worth it.
public static class CatchUp
{
    public const int DefaultEvents = 50_000;

    public const string Requester = "projector:catch-up";

    public static bool IsWorthIt(long position, long head, int minEvents)
    {
        var behind = head - position;
        return minEvents > 0 && behind >= minEvents && behind * 5 >= head;
    }
}
