using System.Net;
using Npgsql;
using Westside.Projections.Dashboard.Tests.Support;
using Xunit;

namespace Westside.Projections.Dashboard.Tests.Auth;

// A CSV export takes families' contact details out of the dashboard: each one leaves an audit entry
// with who (subject id), which cohort and scope, and how many rows; never the addresses themselves.
public sealed class CsvExportAuditTests(ClubFixture club) : IClassFixture<ClubFixture>
{
    [Fact]
    public async Task Exporting_a_cohort_as_csv_is_audited_with_the_subject_and_the_row_count_only()
    {
        var client = club.App.CreateClient();

        var response = await client.GetAsync("/cohorts/unsigned.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        await using var conn = new NpgsqlConnection(club.Store);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select actor, detail->>'cohort', detail->>'scope', detail->>'rows', detail::text from audit_log where action = 'csv.exported'", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(TestSession.AdminSubject, reader.GetString(0));
        Assert.Equal("unsigned", reader.GetString(1));
        Assert.Equal("all", reader.GetString(2));
        Assert.Equal(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(3));
        Assert.DoesNotContain("@", reader.GetString(4), StringComparison.Ordinal);
        Assert.False(await reader.ReadAsync());
    }
}
