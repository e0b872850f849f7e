namespace Westside.Projections.ReadModel.Projections;

// A one-to-many index (parent id -> player ids, ...). Values are kept sorted so iteration is deterministic.
public sealed class MultiIndex<TKey, TValue>
    where TValue : IComparable<TValue>
{
    private static readonly SortedSet<TValue> Empty = [];
    private readonly Dictionary<Key, SortedSet<TValue>> _map = [];

    public IReadOnlyCollection<TValue> this[TKey key] =>
        _map.TryGetValue(new Key(key), out var set) ? set : Empty;

    public IEnumerable<TKey> Keys => _map.Keys.Select(k => k.Value);

    public void Add(TKey key, TValue value)
    {
        var k = new Key(key);
        if (!_map.TryGetValue(k, out var set))
        {
            set = [];
            _map[k] = set;
        }

        set.Add(value);
    }

    public void Remove(TKey key, TValue value)
    {
        var k = new Key(key);
        if (_map.TryGetValue(k, out var set) && set.Remove(value) && set.Count == 0)
        {
            _map.Remove(k);
        }
    }

    // Wraps the key so that a null key (a player with no team) is a key like any other.
    private readonly record struct Key(TKey Value);
}
