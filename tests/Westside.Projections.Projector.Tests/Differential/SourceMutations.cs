using Npgsql;

namespace Westside.Projections.Projector.Tests.Differential;

// A seeded random sequence of the writes basketball-api makes to its own database, applied as its owner
// while the projector runs: families joining, contracts sent, re-sent, signed (with the outbox row in the
// same transaction), declined and voided, kids changing team or family, parents' contact changing,
// jersey payments (cash included) and refunds, dues, tournament entries and withdrawals, the outbox
// worker's results and its emails, GroupMe links, and deletes (a payment, a registration, a player with
// every row that depends on it). Every write respects the schema's constraints; names are synthetic and
// include accents, apostrophes and HTML-like text. The same seed on the same dataset gives the same writes.
public sealed class SourceMutations
{
    private static readonly string[] FirstNames =
    [
        "Zoé", "D'Andre", "Ñora", "Łukasz", "<i>Ivy</i>", "Amélie", "Jean-Luc", "O'Shea", "Søren", "Chloë",
        "Ren & Stimpy", "Malia", "Kwabena", "Thảo", "<b>Ben</b>",
    ];

    private static readonly string[] LastNames =
    [
        "O'Hara", "Ramírez", "Ødegaard", "<script>x</script>", "D'Souza", "Van Dyke", "Nguyễn", "Łopez", "MacLeod",
        "St. Clair",
    ];

    private static readonly string[] Staff = ["Coach Dana", "Front Desk", "Kerry O'Neil"];
    private static readonly string[] Methods = ["stripe", "cash", "venmo", "check"];
    private static readonly string[] EmailTypes = ["registration", "reminder", "roster_export", "announcement", "contract_signed"];
    private static readonly string[] DuesStatuses = ["active", "past_due", "canceled"];

    // Kinds that delete rows.
    private static readonly HashSet<string> Deletes = new(StringComparer.Ordinal) { "payment-deleted", "registration-deleted", "player-deleted" };

    private readonly Random _rng;
    private readonly (string Kind, int Weight, Func<NpgsqlConnection, CancellationToken, Task<bool>> Apply)[] _mutations;
    private readonly Dictionary<string, int> _applied = new(StringComparer.Ordinal);
    private int _serial;

    public SourceMutations(int seed)
    {
        _rng = new Random(seed);
        _mutations =
        [
            ("new-family", 6, NewFamilyAsync),
            ("contract-sent", 8, SendContractAsync),
            ("contract-signed", 10, SignContractAsync),
            ("contract-declined", 4, DeclineContractAsync),
            ("contract-voided", 3, VoidContractAsync),
            ("team-changed", 6, ChangeTeamAsync),
            ("family-changed", 2, ChangeFamilyAsync),
            ("player-renamed", 2, RenamePlayerAsync),
            ("parent-email", 5, ChangeEmailAsync),
            ("parent-phone", 3, ChangePhoneAsync),
            ("jersey-paid", 6, PayJerseyAsync),
            ("jersey-refunded", 3, RefundJerseyAsync),
            ("payment-deleted", 2, DeletePaymentAsync),
            ("dues-status", 4, ChangeDuesAsync),
            ("dues-started", 2, StartDuesAsync),
            ("tournament-registered", 5, RegisterAsync),
            ("tournament-withdrawn", 3, WithdrawAsync),
            ("registration-deleted", 2, DeleteRegistrationAsync),
            ("tournament-dates", 1, MoveTournamentAsync),
            ("outbox-processed", 4, ProcessOutboxAsync),
            ("outbox-failed", 3, FailOutboxAsync),
            ("email-logged", 3, LogEmailAsync),
            ("groupme-link", 2, ChangeGroupMeAsync),
            ("player-deleted", 2, DeletePlayerAsync),
        ];
    }

    // How many writes of each kind were applied so far.
    public IReadOnlyDictionary<string, int> Applied => _applied;

    public int Total => _applied.Values.Sum();

    // Applies `count` writes, `perTransaction` per transaction, with a random pause of up to `maxPause`
    // between transactions, so that they land in different polls of the running projector.
    // withDeletes: whether rows may be deleted (the projector sees deletes only at its periodic id
    // reconciliation, so a round without them settles in one poll).
    public async Task ApplyAsync(
        string ownerConnectionString, int count, int perTransaction, TimeSpan maxPause, bool withDeletes, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(perTransaction, count - done);
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                for (var i = 0; i < batch; i++)
                {
                    await ApplyOneAsync(conn, withDeletes, ct);
                }

                await tx.CommitAsync(ct);
            }

            done += batch;
            await Task.Delay(_rng.Next((int)maxPause.TotalMilliseconds + 1), ct);
        }
    }

    // One write of a kind drawn by weight; a kind with nothing to act on (no pending outbox row, say)
    // gives way to another draw.
    private async Task ApplyOneAsync(NpgsqlConnection conn, bool withDeletes, CancellationToken ct)
    {
        var mutations = _mutations.Where(m => withDeletes || !Deletes.Contains(m.Kind)).ToList();
        var total = mutations.Sum(m => m.Weight);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var draw = _rng.Next(total);
            var (kind, _, apply) = mutations.First(m => (draw -= m.Weight) < 0);
            if (await apply(conn, ct))
            {
                _applied[kind] = _applied.GetValueOrDefault(kind) + 1;
                return;
            }
        }

        throw new InvalidOperationException("No mutation applied in 20 draws: the source has nothing left to change.");
    }

    private async Task<bool> NewFamilyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var lastName = Pick(LastNames);
        var parentId = await ScalarAsync<int>(conn, """
            insert into parents (first_name, last_name, email, phone) values (@first, @last, @email, @phone) returning id
            """, ct, ("first", Pick(FirstNames)), ("last", lastName), ("email", await NewEmailAsync(conn, ct)), ("phone", NewPhone()));
        var kids = 1 + _rng.Next(3);
        for (var i = 0; i < kids; i++)
        {
            var playerId = await ScalarAsync<int>(conn, """
                insert into players (parent_id, team_id, first_name, last_name, birth_year, grade, jersey_size)
                values (@parent, @team, @first, @last, @year, @grade, @size) returning id
                """, ct,
                ("parent", parentId), ("team", await TeamOrNoneAsync(conn, ct)), ("first", Pick(FirstNames)), ("last", lastName),
                ("year", 2009 + _rng.Next(8)), ("grade", _rng.Next(4) == 0 ? null : 4 + _rng.Next(8)), ("size", Pick(["YS", "YM", "YL", "AS"])));

            // New kids start anywhere from no contract yet to already signed.
            switch (_rng.Next(4))
            {
                case 0: break;
                case 1: await SendAsync(conn, playerId, ct); break;
                case 2: await SendAsync(conn, playerId, ct); await DeclineAsync(conn, playerId, ct); break;
                default: await SendAsync(conn, playerId, ct); await SignAsync(conn, playerId, ct); break;
            }
        }

        return true;
    }

    // A first contract or a re-send: any live 'sent' contract is voided and a new version goes out.
    private async Task<bool> SendContractAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players where contract_status in ('none', 'sent', 'declined') order by id", ct) is not { } playerId)
        {
            return false;
        }

        await SendAsync(conn, playerId, ct);
        return true;
    }

    private async Task<bool> SignContractAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // Mostly players who were sent a contract; now and then one signs without a prior 'sent' row.
        var sql = _rng.Next(8) == 0
            ? "select id from players where contract_status in ('none', 'declined') order by id"
            : "select id from players where contract_status = 'sent' order by id";
        if (await PickIdAsync(conn, sql, ct) is not { } playerId)
        {
            return false;
        }

        await SignAsync(conn, playerId, ct);
        return true;
    }

    private async Task<bool> DeclineContractAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players where contract_status = 'sent' order by id", ct) is not { } playerId)
        {
            return false;
        }

        await DeclineAsync(conn, playerId, ct);
        return true;
    }

    // Staff void a sent contract; the player goes back to 'none', or (a stale status) stays 'sent'.
    private async Task<bool> VoidContractAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from contracts where status = 'sent' order by id", ct) is not { } contractId)
        {
            return false;
        }

        await ExecAsync(conn, """
            with voided as (update contracts set status = 'voided' where id = @id returning player_id)
            update players p set contract_status = case when @reset and p.contract_status = 'sent' then 'none' else p.contract_status end, updated_at = now()
            from voided v where p.id = v.player_id
            """, ct, ("id", contractId), ("reset", _rng.Next(2) == 0));
        return true;
    }

    private async Task<bool> ChangeTeamAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        await ExecAsync(conn, "update players set team_id = @team, updated_at = now() where id = @id", ct,
            ("id", playerId), ("team", await TeamOrNoneAsync(conn, ct)));
        return true;
    }

    // A kid moved to another parent's account (a duplicate account merged, custody changed).
    private async Task<bool> ChangeFamilyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId
            || await PickIdAsync(conn, "select id from parents order by id", ct) is not { } parentId)
        {
            return false;
        }

        await ExecAsync(conn, "update players set parent_id = @parent, updated_at = now() where id = @id", ct, ("id", playerId), ("parent", parentId));
        return true;
    }

    private async Task<bool> RenamePlayerAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        await ExecAsync(conn, "update players set first_name = @first, updated_at = now() where id = @id", ct, ("id", playerId), ("first", Pick(FirstNames)));
        return true;
    }

    private async Task<bool> ChangeEmailAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from parents order by id", ct) is not { } parentId)
        {
            return false;
        }

        await ExecAsync(conn, "update parents set email = @email where id = @id", ct, ("id", parentId), ("email", await NewEmailAsync(conn, ct)));
        return true;
    }

    private async Task<bool> ChangePhoneAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from parents order by id", ct) is not { } parentId)
        {
            return false;
        }

        await ExecAsync(conn, "update parents set phone = @phone where id = @id", ct, ("id", parentId), ("phone", NewPhone()));
        return true;
    }

    private async Task<bool> PayJerseyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        var method = Pick(Methods);
        await ExecAsync(conn, """
            insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by, note)
            values (@player, @amount, @method, now() - make_interval(hours => @hours), @by, @note)
            """, ct,
            ("player", playerId), ("amount", Pick([4_500, 3_500, 5_000])), ("method", method), ("hours", _rng.Next(72)),
            ("by", method is "cash" or "check" ? Pick(Staff) : null), ("note", _rng.Next(4) == 0 ? "<em>paid at practice</em>" : null));
        return true;
    }

    // A refund is a negative payment of the same amount and method.
    private async Task<bool> RefundJerseyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from jersey_payments where amount_cents > 0 order by id", ct) is not { } paymentId)
        {
            return false;
        }

        await ExecAsync(conn, """
            insert into jersey_payments (player_id, amount_cents, method, paid_at, recorded_by, note)
            select player_id, -amount_cents, method, now(), @by, 'refund' from jersey_payments where id = @id
            """, ct, ("id", paymentId), ("by", Pick(Staff)));
        return true;
    }

    private async Task<bool> DeletePaymentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from jersey_payments order by id", ct) is not { } paymentId)
        {
            return false;
        }

        await ExecAsync(conn, "delete from jersey_payments where id = @id", ct, ("id", paymentId));
        return true;
    }

    private async Task<bool> ChangeDuesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from subscriptions order by id", ct) is not { } subscriptionId)
        {
            return false;
        }

        await ExecAsync(conn, """
            update subscriptions set status = @status, current_period_end = current_date + @days where id = @id
            """, ct, ("id", subscriptionId), ("status", Pick(DuesStatuses)), ("days", _rng.Next(-20, 30)));
        return true;
    }

    private async Task<bool> StartDuesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        await ExecAsync(conn, """
            insert into subscriptions (player_id, parent_id, plan, amount_cents, status, current_period_end)
            select id, parent_id, 'monthly', 6000, @status, current_date + 30 from players where id = @id
            """, ct, ("id", playerId), ("status", Pick(DuesStatuses)));
        return true;
    }

    // A team entry (no player) or one player's own registration, registered or already withdrawn.
    private async Task<bool> RegisterAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from tournaments order by id", ct) is not { } tournamentId
            || await PickIdAsync(conn, "select id from players where team_id is not null order by id", ct) is not { } playerId)
        {
            return false;
        }

        await ExecAsync(conn, """
            insert into tournament_registrations (tournament_id, team_id, player_id, status, fee_paid, registered_at)
            select @tournament, team_id, case when @teamEntry then null else id end, @status, @paid, now()
            from players where id = @player
            """, ct,
            ("tournament", tournamentId), ("player", playerId), ("teamEntry", _rng.Next(3) == 0),
            ("status", _rng.Next(5) == 0 ? "withdrawn" : "registered"), ("paid", _rng.Next(2) == 0));
        return true;
    }

    // Withdrawing, or coming back after a withdrawal.
    private async Task<bool> WithdrawAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from tournament_registrations order by id", ct) is not { } registrationId)
        {
            return false;
        }

        await ExecAsync(conn, """
            update tournament_registrations
            set status = case when status = 'registered' then 'withdrawn' else 'registered' end
            where id = @id
            """, ct, ("id", registrationId));
        return true;
    }

    private async Task<bool> DeleteRegistrationAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from tournament_registrations order by id", ct) is not { } registrationId)
        {
            return false;
        }

        await ExecAsync(conn, "delete from tournament_registrations where id = @id", ct, ("id", registrationId));
        return true;
    }

    // A tournament rescheduled: into the past (over; its cohort goes) or into the coming weeks.
    private async Task<bool> MoveTournamentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from tournaments order by id", ct) is not { } tournamentId)
        {
            return false;
        }

        var startsIn = _rng.Next(2) == 0 ? -10 - _rng.Next(20) : 5 + _rng.Next(40);
        await ExecAsync(conn, """
            update tournaments set starts_on = current_date + @starts, ends_on = current_date + @starts + 1,
                registration_deadline = current_date + @starts - 7
            where id = @id
            """, ct, ("id", tournamentId), ("starts", startsIn));
        return true;
    }

    // The outbox worker delivered: processed, usually with its welcome email logged.
    private async Task<bool> ProcessOutboxAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id::int from outbox where status in ('pending', 'failed') order by id", ct) is not { } outboxId)
        {
            return false;
        }

        await ExecAsync(conn, """
            update outbox set status = 'processed', attempts = attempts + 1, processed_at = now(), last_error = null where id = @id
            """, ct, ("id", (long)outboxId));
        if (_rng.Next(4) != 0)
        {
            await ExecAsync(conn, """
                insert into email_log (parent_id, player_id, email_type, subject, status, sent_at)
                select p.parent_id, p.id, 'contract_signed', 'Welcome to the team', 'sent', now()
                from outbox o join players p on p.id = o.aggregate_id
                where o.id = @id
                """, ct, ("id", (long)outboxId));
        }

        return true;
    }

    // A delivery attempt failed: the row stays pending for a retry, or is marked failed.
    private async Task<bool> FailOutboxAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id::int from outbox where status = 'pending' order by id", ct) is not { } outboxId)
        {
            return false;
        }

        await ExecAsync(conn, """
            update outbox set status = @status, attempts = attempts + 1, last_error = @error where id = @id
            """, ct, ("id", (long)outboxId), ("status", _rng.Next(2) == 0 ? "failed" : "pending"),
            ("error", Pick(["SMTP timeout", "GroupMe API 503", "<html>Bad Gateway</html>"])));
        return true;
    }

    private async Task<bool> LogEmailAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        var failed = _rng.Next(5) == 0;
        await ExecAsync(conn, """
            insert into email_log (parent_id, player_id, email_type, subject, status, error, sent_at)
            select parent_id, case when @withPlayer then id end, @type, 'Club news', @status, @error, now()
            from players where id = @id
            """, ct,
            ("id", playerId), ("withPlayer", _rng.Next(3) != 0), ("type", Pick(EmailTypes)),
            ("status", failed ? "failed" : "sent"), ("error", failed ? "mailbox unavailable" : null));
        return true;
    }

    // A team gets its GroupMe group and share link, loses the link, or loses both.
    private async Task<bool> ChangeGroupMeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from teams order by id", ct) is not { } teamId)
        {
            return false;
        }

        var serial = ++_serial;
        var (group, url) = _rng.Next(3) switch
        {
            0 => ($"g{serial}", $"https://groupme.com/join_group/g{serial}/mut{serial}"),
            1 => ($"g{serial}", null),
            _ => ((string?)null, (string?)null),
        };
        await ExecAsync(conn, "update teams set groupme_group_id = @group, groupme_share_url = @url where id = @id", ct,
            ("id", teamId), ("group", group), ("url", url));
        return true;
    }

    // A player removed with every row that references them; now and then the family goes too when
    // this was their only kid.
    private async Task<bool> DeletePlayerAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (await PickIdAsync(conn, "select id from players order by id", ct) is not { } playerId)
        {
            return false;
        }

        var parentId = await ScalarAsync<int>(conn, "select parent_id from players where id = @id", ct, ("id", playerId));
        await ExecAsync(conn, """
            delete from contracts where player_id = @id;
            delete from jersey_payments where player_id = @id;
            delete from subscriptions where player_id = @id;
            delete from tournament_registrations where player_id = @id;
            delete from email_log where player_id = @id;
            delete from outbox where aggregate_id = @id and @withOutbox;
            delete from players where id = @id;
            """, ct, ("id", playerId), ("withOutbox", _rng.Next(2) == 0));
        if (_rng.Next(2) == 0)
        {
            await ExecAsync(conn, """
                delete from email_log where parent_id = @parent and not exists (select from players where parent_id = @parent);
                delete from subscriptions where parent_id = @parent and not exists (select from players where parent_id = @parent);
                delete from parents where id = @parent and not exists (select from players where parent_id = @parent);
                """, ct, ("parent", parentId));
        }

        return true;
    }

    private async Task SendAsync(NpgsqlConnection conn, int playerId, CancellationToken ct) =>
        await ExecAsync(conn, """
            update contracts set status = 'voided' where player_id = @id and status = 'sent';
            insert into contracts (player_id, version, amount_cents, status, sent_at)
            select @id, @season || '-v' || (count(*) + 1), @amount, 'sent', now() - make_interval(hours => @hours)
            from contracts where player_id = @id;
            update players set contract_status = 'sent', updated_at = now() where id = @id;
            """, ct, ("id", playerId), ("season", $"{DateTime.UtcNow.Year}-mut"), ("amount", Pick([25_000, 30_000])), ("hours", _rng.Next(240)));

    // POST /api/players/{id}/contract: the latest sent contract is signed (or a signed one recorded when
    // there is none), the player is 'signed', and the outbox row for the worker is written alongside.
    private async Task SignAsync(NpgsqlConnection conn, int playerId, CancellationToken ct) =>
        await ExecAsync(conn, """
            with latest as (
                select id from contracts where player_id = @id and status = 'sent' order by sent_at desc, id desc limit 1),
            signed as (
                update contracts c set status = 'signed', signed_at = now(), signer_name = @signer
                from latest l where c.id = l.id returning c.id)
            insert into contracts (player_id, version, amount_cents, status, sent_at, signed_at, signer_name)
            select @id, @season || '-v1', 25000, 'signed', now(), now(), @signer
            where not exists (select from signed);
            update players set contract_status = 'signed', updated_at = now() where id = @id;
            insert into outbox (event_type, aggregate_id, payload) values ('contract_signed', @id, jsonb_build_object('player_id', @id));
            """, ct, ("id", playerId), ("signer", $"{Pick(FirstNames)} {Pick(LastNames)}"), ("season", $"{DateTime.UtcNow.Year}-mut"));

    private static async Task DeclineAsync(NpgsqlConnection conn, int playerId, CancellationToken ct) =>
        await ExecAsync(conn, """
            with latest as (
                select id from contracts where player_id = @id and status = 'sent' order by sent_at desc, id desc limit 1),
            declined as (
                update contracts c set status = 'declined', declined_at = now()
                from latest l where c.id = l.id returning c.id)
            insert into contracts (player_id, version, amount_cents, status, sent_at, declined_at)
            select @id, 'declined-v1', 25000, 'declined', now(), now()
            where not exists (select from declined);
            update players set contract_status = 'declined', updated_at = now() where id = @id;
            """, ct, ("id", playerId));

    // Fresh addresses mostly; sometimes none, a blank one, or another family's address in other case
    // (two accounts sharing one inbox).
    private async Task<string?> NewEmailAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        switch (_rng.Next(10))
        {
            case 0: return null;
            case 1: return Pick(["", "   "]);
            case 2 or 3:
                if (await PickIdAsync(conn, "select id from parents where email like '%@%' order by id", ct) is { } other)
                {
                    var email = await ScalarAsync<string>(conn, "select email from parents where id = @id", ct, ("id", other));
                    return _rng.Next(2) == 0 ? email.ToUpperInvariant() : $" {email} ";
                }

                return null;
            default:
                var serial = ++_serial;
                return _rng.Next(3) == 0 ? $"Family.Mut{serial}@Example.TEST" : $"family.mut{serial}@example.test";
        }
    }

    private string? NewPhone() => _rng.Next(5) switch
    {
        0 => null,
        1 => "",
        _ => $"(555) 01{_rng.Next(100):D2}-{_rng.Next(10_000):D4}",
    };

    private async Task<int?> TeamOrNoneAsync(NpgsqlConnection conn, CancellationToken ct) =>
        _rng.Next(6) == 0 ? null : await PickIdAsync(conn, "select id from teams order by id", ct);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    // A random id from an ordered list: the seed, not the server, decides.
    private async Task<int?> PickIdAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        var ids = new List<int>();
        await using (var cmd = new NpgsqlCommand(sql, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        return ids.Count == 0 ? null : ids[_rng.Next(ids.Count)];
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, sql, args);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, sql, args);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, (string Name, object? Value)[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        return cmd;
    }
}
