using Npgsql;

namespace Westside.Projections.Benchmarks.Population;

// The benchmark's source data: every table of the fixture schema filled with generate_series at the club's
// ratios (a team per ~14 players, a parent per ~1.8 players, a contract per signed/sent/declined player plus
// re-sent ones, payments for 80%, subscriptions for signed players, email several per player, an outbox row
// per signed contract). Deterministic, synthetic names only.
//
// The seam: PopulateAsync is all the benchmark calls. Switching to the fixture generator
// (ops/fixture/Westside.Projections.Fixture: DatasetGenerator + FixtureLoader) is replacing this body.
public static class SyntheticPopulation
{
    public static async Task PopulateAsync(string connectionString, int players, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var sql in Statements)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("n", players);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    private static readonly string[] Statements =
    [
        """
        insert into teams (name, season, age_group, gender, coach_name, groupme_group_id, groupme_share_url, created_at)
        select 'Team ' || i, '2026-spring', (array['10U','11U','12U','13U','14U','15U','16U','17U'])[1 + i % 8],
               case when i % 2 = 0 then 'boys' else 'girls' end, 'Coach ' || i,
               case when i % 5 <> 0 then 'g' || i end, case when i % 5 <> 0 then 'https://groupme.com/join_group/' || i || '/x' end,
               now() - interval '200 days'
        from generate_series(1, greatest(11, @n / 14)) i
        """,
        """
        insert into parents (first_name, last_name, email, phone, password_hash, created_at)
        select 'Parent' || i, 'Family' || i, case when i % 17 <> 0 then 'parent' || i || '@example.org' end,
               case when i % 7 <> 0 then '555-01' || lpad((i % 10000)::text, 4, '0') end, 'x', now() - (i % 300) * interval '1 day'
        from generate_series(1, greatest(1, @n * 55 / 100)) i
        """,
        """
        insert into players (parent_id, team_id, first_name, last_name, birth_year, grade, contract_status, jersey_size, jersey_number, created_at, updated_at)
        select 1 + (i - 1) % (select count(*) from parents), case when i % 12 <> 0 then 1 + i % (select count(*) from teams) end,
               'Kid' || i, 'Family' || i, 2008 + i % 9, 4 + i % 8, (array['none','sent','signed','signed','declined'])[1 + i % 5],
               (array['YS','YM','YL','AS','AM'])[1 + i % 5], i % 99, now() - interval '100 days', now() - (i % 90) * interval '1 day'
        from generate_series(1, @n) i
        """,
        """
        insert into contracts (player_id, version, amount_cents, status, sent_at, signed_at, declined_at, signer_name)
        select id, '2026-spring-v1', 40000, 'voided', now() - interval '60 days', null, null, null from players where id % 5 = 0
        union all
        select id, '2026-spring-v2', 45000, contract_status, now() - interval '30 days',
               case when contract_status = 'signed' then now() - interval '20 days' end,
               case when contract_status = 'declined' then now() - interval '25 days' end,
               case when contract_status = 'signed' then 'Parent Signer' end
        from players where contract_status <> 'none'
        """,
        """
        insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by, note)
        select id, 3500, (array['stripe','cash','venmo','check'])[1 + id % 4], now() - (id % 40) * interval '1 day',
               case when id % 4 = 1 then 'Coach ' || (id % 11) end, case when id % 9 = 0 then 'paid at practice' end
        from players where id % 5 <> 1
        union all
        select id, -3500, 'stripe', now() - interval '3 days', null, 'refund' from players where id % 37 = 0
        """,
        """
        insert into subscriptions (player_id, parent_id, plan, amount_cents, status, current_period_end, created_at)
        select id, parent_id, 'monthly', 6000, (array['active','active','active','past_due','canceled'])[1 + id % 5],
               current_date + (id % 30), now() - interval '90 days'
        from players where contract_status = 'signed'
        """,
        """
        insert into tournaments (name, location, starts_on, ends_on, registration_deadline, fee_cents)
        select 'Tournament ' || i, 'Gym ' || i, current_date + i * 7, current_date + i * 7 + 2,
               case when i % 3 <> 0 then current_date + i * 7 - 5 end, 25000
        from generate_series(1, 3 + @n / 2000) i
        """,
        """
        insert into tournament_registrations (tournament_id, team_id, player_id, status, fee_paid, registered_at)
        select 1 + p.id % (select count(*) from tournaments), coalesce(p.team_id, 1), p.id,
               case when p.id % 11 = 0 then 'withdrawn' else 'registered' end, p.id % 3 <> 0, now() - interval '10 days'
        from players p where p.id % 10 < 3
        """,
        """
        insert into email_log (parent_id, player_id, email_type, subject, status, error, sent_at)
        select parent_id, id, 'registration', 'Welcome', 'sent', null, now() - interval '100 days' from players
        union all
        select parent_id, id, 'reminder', 'Reminder', case when id % 23 = 0 then 'failed' else 'sent' end,
               case when id % 23 = 0 then 'mailbox unavailable' end, now() - interval '7 days'
        from players where contract_status in ('none', 'sent')
        union all
        select parent_id, id, 'contract_signed', 'Signed', 'sent', null, now() - interval '19 days' from players where contract_status = 'signed' and id % 13 <> 0
        union all
        select parent_id, id, 'announcement', 'News', 'sent', null, now() - interval '2 days' from players where id % 2 = 0
        """,
        """
        insert into outbox (event_type, aggregate_id, payload, status, attempts, last_error, created_at, processed_at)
        select 'contract_signed', id, '{}'::jsonb,
               case when id % 29 = 0 then 'failed' when id % 31 = 0 then 'pending' else 'processed' end,
               case when id % 29 = 0 then 5 else 1 end, case when id % 29 = 0 then 'groupme timeout' end,
               now() - interval '20 days' - (id % 48) * interval '1 hour',
               case when id % 29 <> 0 and id % 31 <> 0 then now() - interval '20 days' end
        from players where contract_status = 'signed' and id % 17 <> 0
        """,
    ];
}
