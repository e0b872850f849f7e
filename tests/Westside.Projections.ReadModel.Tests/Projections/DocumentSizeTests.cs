using System.Text;
using Westside.Projections.ReadModel.Projections;
using Westside.Projections.ReadModel.Tests.Support;
using Xunit.Abstractions;

namespace Westside.Projections.ReadModel.Tests.Projections;

// The phone reads a document whole: at the demo's size every triage and cohort document must stay
// under 50 KB of JSON. The largest document of every projection is printed for the record.
public sealed class DocumentSizeTests(ITestOutputHelper output)
{
    private const int Limit = 50 * 1024;

    [Fact]
    public void At_150_players_every_triage_and_cohort_document_is_under_50_KB()
    {
        var club = new ProjectionHarness([.. ProjectionCatalog.All]);
        club.ApplyBatch(DemoClub.Events(150).Select(e => (Rows.At(26), e)));

        Assert.Equal(150, club.State.Players.Count);
        foreach (var projection in club.Projections)
        {
            var sizes = club.Documents(projection.Name)
                .Select(kv => (Id: kv.Key, Bytes: Encoding.UTF8.GetByteCount(DocumentJson.Serialize(kv.Value.Data))))
                .OrderByDescending(x => x.Bytes)
                .ToList();
            output.WriteLine($"{projection.Name}: {sizes.Count} documents, largest {sizes[0].Id} = {sizes[0].Bytes} bytes");
            if (projection.Name is "triage" or "cohorts")
            {
                Assert.All(sizes, s => Assert.True(s.Bytes < Limit, $"{projection.Name}/{s.Id} is {s.Bytes} bytes"));
            }
        }

        Assert.Contains("unsigned/all", club.Documents("cohorts").Keys);
        Assert.Contains("team:none", club.Documents("triage").Keys);
    }
}
