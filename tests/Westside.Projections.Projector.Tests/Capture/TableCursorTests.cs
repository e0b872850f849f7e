using Westside.Projections.Projector.Capture;
using Xunit;

namespace Westside.Projections.Projector.Tests.Capture;

public class TableCursorTests
{
    [Fact]
    public void Seen_keeps_the_committed_ids_between_the_snapshot_xmin_and_xmax()
    {
        var snapshot = PgSnapshot.Parse("100:110:100,104");
        var cursor = TableCursor.After(snapshot, null, [50, 99, 101, 103, 103, 104, 109, 110], new IdFingerprint(3, 7), poll: 4, maxSeen: 100);

        Assert.Equal([101UL, 103, 109], cursor.Seen);
        Assert.Equal(100UL, cursor.Xmin);
        Assert.Equal("100:110:100,104", cursor.Snapshot);
        Assert.Equal(new IdFingerprint(3, 7), cursor.Fingerprint);
        Assert.Equal(4, cursor.Poll);
    }

    [Fact]
    public void Seen_ids_of_the_previous_cursor_carry_over_while_they_are_above_the_new_xmin()
    {
        var previous = TableCursor.After(PgSnapshot.Parse("100:110:100"), null, [101, 105], IdFingerprint.Empty, 1, 100);
        var cursor = TableCursor.After(PgSnapshot.Parse("103:120:103"), previous, [115], IdFingerprint.Empty, 2, 100);

        Assert.Equal([105UL, 115], cursor.Seen);
    }

    [Fact]
    public void Seen_is_capped_to_the_newest_ids()
    {
        var cursor = TableCursor.After(PgSnapshot.Parse("100:200:100"), null, [101, 150, 120, 199], IdFingerprint.Empty, 1, maxSeen: 2);

        Assert.Equal([150UL, 199], cursor.Seen);
    }

    [Fact]
    public void Marker_polls_keep_the_start_of_the_next_xmin_scan_where_the_last_scan_left_it()
    {
        var scanned = TableCursor.After(PgSnapshot.Parse("100:110:"), null, [], IdFingerprint.Empty, 1, 100, marker: true);
        var byMarker = TableCursor.After(PgSnapshot.Parse("120:125:"), scanned, [121], IdFingerprint.Empty, 2, 100, marker: true, scanned: false);
        var again = TableCursor.After(PgSnapshot.Parse("130:131:"), byMarker, [], IdFingerprint.Empty, 3, 100, marker: true, scanned: false);
        var rescanned = TableCursor.After(PgSnapshot.Parse("140:141:"), again, [], IdFingerprint.Empty, 4, 100, marker: true);

        Assert.Equal((100UL, (ulong?)null), (scanned.ScanFrom, scanned.ScanXmin));
        Assert.Equal((120UL, 100UL, true), (byMarker.Xmin, byMarker.ScanFrom, byMarker.Marker));
        Assert.Equal((130UL, 100UL), (again.Xmin, again.ScanFrom));
        Assert.Equal((140UL, (ulong?)null), (rescanned.ScanFrom, rescanned.ScanXmin));
    }

    // Another transaction pinned the cluster's xmin at 100 across both polls: the marker poll's xmin equals
    // where the last scan started, yet rows written without the trigger before the marker poll may still be
    // unread. The cursor must say so (ScanXmin set), or a reconciling capture that finds nothing new since
    // the marker poll skips the table and a trigger-less write is missed for good (a CI run caught this).
    [Fact]
    public void A_marker_poll_at_an_unmoved_xmin_still_owes_the_next_scan_its_reach_back()
    {
        var scanned = TableCursor.After(PgSnapshot.Parse("100:110:100"), null, [], IdFingerprint.Empty, 1, 100, marker: true);
        var byMarker = TableCursor.After(PgSnapshot.Parse("100:130:100"), scanned, [125], IdFingerprint.Empty, 2, 100, marker: true, scanned: false);
        var skipped = TableCursor.After(PgSnapshot.Parse("100:131:100"), scanned, [], IdFingerprint.Empty, 2, 100, marker: true);

        Assert.Equal((100UL, (ulong?)100UL), (byMarker.ScanFrom, byMarker.ScanXmin));
        Assert.Equal((100UL, (ulong?)null), (skipped.ScanFrom, skipped.ScanXmin));
    }
}
