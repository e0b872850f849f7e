namespace Westside.Projections.Projector.Capture;

// A cheap fingerprint of a set of row keys: how many, and the sum of their hashes. The source computes it
// in SQL as `count(*), sum(hashint8(key))`; the capture keeps the same figure for the images it holds,
// updated as images come and go, so comparing the two tells whether any source row was deleted without
// fetching a single id. Hash is PostgreSQL's hashint8 (value based, so the same on every platform; it is
// stable across versions because hash partitioning depends on it).
public readonly record struct IdFingerprint(long Count, long HashSum)
{
    public static IdFingerprint Empty => default;

    public static IdFingerprint Of(IEnumerable<long> keys) => keys.Aggregate(Empty, (f, k) => f.Add(k));

    public IdFingerprint Add(long key) => new(Count + 1, HashSum + Hash(key));

    public IdFingerprint Remove(long key) => new(Count - 1, HashSum - Hash(key));

    // hashint8(bigint) -> int4: fold the high half into the low half, then hash_bytes_uint32 (Jenkins lookup3 final mix).
    public static int Hash(long key)
    {
        var lo = (uint)key;
        var hi = (uint)(key >> 32);
        lo ^= key >= 0 ? hi : ~hi;
        return (int)HashUInt32(lo);
    }

    private static uint HashUInt32(uint k)
    {
        uint a, b, c;
        a = b = c = 0x9e3779b9 + sizeof(uint) + 3923095;
        a += k;
        c ^= b;
        c -= Rot(b, 14);
        a ^= c;
        a -= Rot(c, 11);
        b ^= a;
        b -= Rot(a, 25);
        c ^= b;
        c -= Rot(b, 16);
        a ^= c;
        a -= Rot(c, 4);
        b ^= a;
        b -= Rot(a, 14);
        c ^= b;
        c -= Rot(b, 24);
        return c;
    }

    private static uint Rot(uint x, int k) => (x << k) | (x >> (32 - k));
}
