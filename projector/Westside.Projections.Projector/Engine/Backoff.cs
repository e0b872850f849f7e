namespace Westside.Projections.Projector.Engine;

// Exponential backoff from the poll interval up to a ceiling: interval, 2x, 4x, ... max.
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    public int Failures { get; private set; }

    public TimeSpan Next()
    {
        Failures++;
        var factor = Math.Pow(2, Math.Min(Failures - 1, 30));
        var delay = TimeSpan.FromMilliseconds(initial.TotalMilliseconds * factor);
        return delay < max ? delay : max;
    }

    public void Reset() => Failures = 0;
}
