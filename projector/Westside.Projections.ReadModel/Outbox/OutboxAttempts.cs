namespace Westside.Projections.ReadModel.Outbox;

// The attempts distribution: how many rows took 0, 1, 2, 3, 4, or 5 and more attempts.
public static class OutboxAttempts
{
    public static IReadOnlyList<string> Labels { get; } = ["0", "1", "2", "3", "4", "5+"];

    public static int Bucket(int attempts) => Math.Clamp(attempts, 0, Labels.Count - 1);

    public static IReadOnlyDictionary<string, int> Histogram(ReadOnlySpan<int> countsByBucket)
    {
        var histogram = new Dictionary<string, int>(Labels.Count);
        for (var i = 0; i < Labels.Count; i++)
        {
            histogram[Labels[i]] = i < countsByBucket.Length ? countsByBucket[i] : 0;
        }

        return histogram;
    }
}
