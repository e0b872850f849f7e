using Westside.Projections.ReadModel.Projections.ContractAudit;

namespace Westside.Projections.Projector.Tests.Differential;

// The contract audit, asked of the source: every contract with its player, team and the player's whole
// history (by sent_at, then id: a later one re-sends, the next one replaces), newest activity first;
// and totals by status, by version and by UTC month signed.
public sealed class ContractsOracle : IProjectionOracle
{
    public string Projection => "contracts";

    public async Task<IReadOnlyList<string>> DifferencesAsync(OracleContext context, CancellationToken ct)
    {
        var history = (await context.RowsAsync("""
            select player_id, id, version, status, amount_cents, sent_at, signed_at, declined_at
            from contracts order by player_id, sent_at, id
            """,
            r => (PlayerId: r.GetInt32(0), Item: new ContractHistoryItem(
                r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.Time(5), r.TimeOrNull(6), r.TimeOrNull(7))),
            ct)).ToLookup(x => x.PlayerId, x => x.Item);
        var contracts = await context.RowsAsync("""
            select c.id, c.player_id, p.first_name, p.last_name, p.contract_status, p.team_id, t.name, t.age_group,
                   c.version, c.amount_cents, c.status, c.sent_at, c.signed_at, c.declined_at, c.signer_name,
                   case when c.status = 'signed' and c.signed_at is not null
                        then to_char(c.signed_at at time zone 'UTC', 'YYYY-MM') end,
                   row_number() over history > 1,
                   lead(c.id) over history
            from contracts c
                left join players p on p.id = c.player_id
                left join teams t on t.id = p.team_id
            window history as (partition by c.player_id order by c.sent_at, c.id)
            order by coalesce(c.signed_at, c.declined_at, c.sent_at) desc, c.id
            """,
            r => new ContractDocument(
                r.GetInt32(0), r.GetInt32(1), r.TextOrNull(2), r.TextOrNull(3), r.TextOrNull(4), r.IntOrNull(5), r.TextOrNull(6),
                r.TextOrNull(7), r.GetString(8), r.GetInt32(9), r.GetString(10), r.Time(11), r.TimeOrNull(12), r.TimeOrNull(13),
                r.TextOrNull(14), r.TextOrNull(15), r.GetBoolean(16), r.IntOrNull(17), []),
            ct);

        var expected = new ExpectedDocumentSet();
        foreach (var contract in contracts)
        {
            expected.Add($"contract:{contract.ContractId}", "contract", contract with { History = history[contract.PlayerId].ToList() });
        }

        // The query's order: latest of signed, declined or sent first, then id.
        expected.ExpectOrder("contract", contracts.Select(c => $"contract:{c.ContractId}"));

        if (contracts.Count > 0)
        {
            expected.Add("summary", "summary", await TotalsAsync(context, ct));
        }

        return expected.DifferencesFrom(context.Documents);
    }

    private static async Task<ContractTotalsDocument> TotalsAsync(OracleContext context, CancellationToken ct)
    {
        var byVersion = await context.RowsAsync("""
            select version,
                   (count(*) filter (where status = 'sent'))::int, (count(*) filter (where status = 'signed'))::int,
                   (count(*) filter (where status = 'declined'))::int, (count(*) filter (where status = 'voided'))::int,
                   coalesce(sum(amount_cents) filter (where status = 'signed'), 0)::bigint
            from contracts group by version order by version collate "C"
            """,
            r => new ContractVersionTotal(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5)),
            ct);
        var byMonth = await context.RowsAsync("""
            select month, count(*)::int, sum(amount_cents)::bigint
            from (select to_char(signed_at at time zone 'UTC', 'YYYY-MM') as month, amount_cents
                  from contracts where status = 'signed' and signed_at is not null) signed
            group by month order by month collate "C" desc
            """,
            r => new ContractMonthTotal(r.GetString(0), r.GetInt32(1), r.GetInt64(2)),
            ct);
        return (await context.RowsAsync("""
            select count(*)::int,
                   (count(*) filter (where status = 'sent'))::int, (count(*) filter (where status = 'signed'))::int,
                   (count(*) filter (where status = 'declined'))::int, (count(*) filter (where status = 'voided'))::int,
                   coalesce(sum(amount_cents) filter (where status = 'signed'), 0)::bigint,
                   (select count(*) from (select player_id from contracts group by player_id having count(*) > 1) resent)::int
            from contracts
            """,
            r => new ContractTotalsDocument(
                r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5), r.GetInt32(6),
                byVersion, byMonth),
            ct)).Single();
    }
}
