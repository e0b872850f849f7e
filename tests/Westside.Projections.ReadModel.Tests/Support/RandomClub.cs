using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Tests.Support;

// A long, seeded random history of the club: inserts, updates, moves between teams and parents,
// status changes, refunds, re-sent contracts, deletes (including rows others still point at),
// and a clock that mostly creeps and sometimes jumps days, so days roll over, tournaments stop
// being upcoming and the timeline window slides.
public sealed class RandomClub(int seed)
{
    private static readonly string[] AgeGroups = ["10U", "12U", "14U", "17U"];
    private static readonly string[] FirstNames = ["Zoë", "D'Andre", "<b>Bob</b>", "Ana", "José", "Mia", "Liam", "O'Neil", "Émile"];
    private static readonly string[] LastNames = ["O'Brien", "Nuñez", "<script>x</script>", "Smith", "Lee", "García", "Müller"];
    private static readonly string[] Statuses = ["none", "sent", "signed", "declined"];
    private static readonly string[] Methods = ["stripe", "cash", "venmo", "check"];
    private static readonly string[] EmailTypes = ["registration", "reminder", "roster_export", "announcement", "contract_signed"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<int, PlayerRow> _players = [];
    private readonly Dictionary<int, ContractRow> _contracts = [];
    private readonly Dictionary<int, SubscriptionRow> _subscriptions = [];
    private readonly Dictionary<int, TournamentRegistrationRow> _registrations = [];
    private readonly Dictionary<long, OutboxRow> _outbox = [];
    private DateTimeOffset _clock = Rows.At(1, 8);

    public IEnumerable<List<(DateTimeOffset At, IDomainEvent Event)>> Batches(int events)
    {
        // First, one event of each table in its own batch, before any player exists: documents that
        // exist regardless of players would be caught missing here.
        foreach (var opening in Opening())
        {
            yield return [(_clock, opening)];
        }

        var produced = 0;
        while (produced < events)
        {
            var size = _random.Next(1, 25);
            var batch = new List<(DateTimeOffset, IDomainEvent)>(size);
            for (var i = 0; i < size; i++)
            {
                Tick();
                batch.Add((_clock, Next()));
            }

            produced += size;
            yield return batch;
        }
    }

    private IEnumerable<IDomainEvent> Opening()
    {
        yield return new TeamAdded(Rows.Team(1));
        yield return new TournamentScheduled(Rows.Tournament(1, startsOn: new DateOnly(2026, 3, 20)));
        yield return new ParentRegistered(Rows.Parent(1));
        yield return new ContractSent(Rows.Contract(1, 1));
        yield return new JerseyPaymentRecorded(Rows.Payment(1, 1));
        yield return new SubscriptionStarted(Rows.Subscription(1, 1, 1, "past_due"));
        yield return new TournamentRegistrationChanged(Rows.Registration(1, 1, 1), null);
        yield return new EmailLogged(Rows.Email(1, 1, 1, status: "failed", error: "bounced"));
        yield return new OutboxEventFailed(Rows.Outbox(1, 1, "failed", error: "groupme 502"));
    }

    private void Tick()
    {
        var roll = _random.Next(100);
        _clock = roll switch
        {
            < 85 => _clock.AddMinutes(_random.Next(0, 40)),
            < 97 => _clock.AddHours(_random.Next(1, 12)),
            _ => _clock.AddDays(_random.Next(1, 20)),
        };
    }

    private int Pick(int max) => _random.Next(1, max + 1);

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T One<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DateTimeOffset Recent() => _clock.AddHours(-_random.Next(0, 24 * 30));

    private IDomainEvent Next() => _random.Next(100) switch
    {
        < 4 => Team(),
        < 10 => Parent(),
        < 34 => Player(),
        < 50 => Contract(),
        < 59 => Jersey(),
        < 66 => Subscription(),
        < 70 => Tournament(),
        < 78 => Registration(),
        < 88 => Email(),
        _ => Outbox(),
    };

    private IDomainEvent Team()
    {
        var id = Pick(8);
        if (Chance(10))
        {
            return new TeamRemoved(id);
        }

        var share = Chance(70) ? $"https://groupme.com/join/{id}" : null;
        var row = new TeamRow(id, $"{One(LastNames)} {id}", "2026", One(AgeGroups), "girls", Chance(50) ? "Coach" : null,
            share is null ? null : $"g{id}", share, Rows.At(1));
        return _random.Next(3) switch
        {
            0 => new TeamAdded(row),
            1 => new TeamGroupMeLinkChanged(row),
            _ => new TeamChanged(row),
        };
    }

    private IDomainEvent Parent()
    {
        var id = Pick(30);
        if (Chance(6))
        {
            return new ParentRemoved(id);
        }

        // A few families share one email, so cohorts must deduplicate.
        var email = _random.Next(10) switch
        {
            < 2 => null,
            < 3 => "  ",
            < 4 => "Shared@Example.com",
            _ => $"parent{id}@example.com",
        };
        var row = new ParentRow(id, One(FirstNames), One(LastNames), email, Chance(60) ? $"555-01{id:D2}" : null, Rows.At(1));
        return _random.Next(3) switch
        {
            0 => new ParentRegistered(row),
            1 => new ParentContactChanged(row),
            _ => new ParentChanged(row),
        };
    }

    private IDomainEvent Player()
    {
        var id = Pick(60);
        if (Chance(5))
        {
            _players.Remove(id);
            return new PlayerRemoved(id);
        }

        var old = _players.GetValueOrDefault(id)
            ?? new PlayerRow(id, Pick(30), Chance(85) ? Pick(9) : null, One(FirstNames), One(LastNames), 2010 + Pick(6), null,
                "none", "YM", null, Rows.At(1), Rows.At(1));
        IDomainEvent result;
        PlayerRow row;
        switch (_random.Next(5))
        {
            case 0:
                row = old with { TeamId = Chance(80) ? Pick(9) : null, UpdatedAt = _clock };
                result = new PlayerAssignedToTeam(row, old.TeamId);
                break;
            case 1:
            case 2:
                row = old with { ContractStatus = One(Statuses), UpdatedAt = _clock };
                result = new PlayerContractStatusChanged(row, old.ContractStatus);
                break;
            case 3:
                row = old with { ParentId = Pick(30), FirstName = One(FirstNames), UpdatedAt = _clock };
                result = new PlayerChanged(row);
                break;
            default:
                row = old;
                result = new PlayerRegistered(row);
                break;
        }

        _players[id] = row;
        return result;
    }

    private IDomainEvent Contract()
    {
        var id = Pick(90);
        if (Chance(5))
        {
            _contracts.Remove(id);
            return new ContractRemoved(id);
        }

        var old = _contracts.GetValueOrDefault(id)
            ?? new ContractRow(id, Pick(60), $"2026-v{Pick(3)}", 40000 + (100 * Pick(50)), "sent", Recent(), null, null, null);
        ContractRow row;
        IDomainEvent result;
        switch (_random.Next(5))
        {
            case 0:
                row = old with { Status = "signed", SignedAt = _clock, SignerName = One(FirstNames) };
                result = new ContractSigned(row);
                break;
            case 1:
                row = old with { Status = "declined", DeclinedAt = _clock };
                result = new ContractDeclined(row);
                break;
            case 2:
                row = old with { Status = "voided" };
                result = new ContractVoided(row);
                break;
            case 3:
                row = old with { PlayerId = Chance(30) ? Pick(60) : old.PlayerId, AmountCents = 40000 + (100 * Pick(50)) };
                result = new ContractChanged(row);
                break;
            default:
                row = old with { Status = "sent", SentAt = _clock, Version = $"2026-v{Pick(3)}" };
                result = new ContractSent(row);
                break;
        }

        _contracts[id] = row;
        return result;
    }

    private IDomainEvent Jersey()
    {
        var id = Pick(70);
        if (Chance(8))
        {
            return new JerseyPaymentRemoved(id);
        }

        var amount = Chance(15) ? -3500 : 3500 + (100 * _random.Next(0, 10));
        var method = One(Methods);
        var row = new JerseyPaymentRow(id, Pick(60), amount, method, Recent(), method == "cash" ? One(["Marcus", "Ava"]) : null,
            Chance(20) ? "note" : null);
        return Chance(70) ? new JerseyPaymentRecorded(row) : new JerseyPaymentChanged(row);
    }

    private IDomainEvent Subscription()
    {
        var id = Pick(40);
        if (Chance(6))
        {
            _subscriptions.Remove(id);
            return new SubscriptionRemoved(id);
        }

        var old = _subscriptions.GetValueOrDefault(id)
            ?? new SubscriptionRow(id, Pick(60), Pick(30), "monthly", 6000, "active",
                DateOnly.FromDateTime(_clock.UtcDateTime).AddDays(_random.Next(-20, 30)), Rows.At(1));
        var row = old with
        {
            Status = One(["active", "past_due", "canceled"]),
            CurrentPeriodEnd = old.CurrentPeriodEnd.AddDays(_random.Next(0, 31)),
        };
        _subscriptions[id] = row;
        return _random.Next(3) switch
        {
            0 => new SubscriptionStarted(row),
            1 => new SubscriptionStatusChanged(row, old.Status),
            _ => new SubscriptionChanged(row with { PlayerId = Chance(30) ? Pick(60) : row.PlayerId }),
        };
    }

    private IDomainEvent Tournament()
    {
        var id = Pick(5);
        if (Chance(10))
        {
            return new TournamentRemoved(id);
        }

        var start = DateOnly.FromDateTime(_clock.UtcDateTime).AddDays(_random.Next(-3, 20));
        var row = new TournamentRow(id, $"Cup {One(LastNames)}", Chance(50) ? "Gym" : null, start, start.AddDays(_random.Next(0, 3)),
            Chance(70) ? start.AddDays(-7) : null, 30000 + (1000 * Pick(10)));
        return Chance(50) ? new TournamentScheduled(row) : new TournamentChanged(row);
    }

    private IDomainEvent Registration()
    {
        var id = Pick(40);
        if (Chance(8))
        {
            _registrations.Remove(id);
            return new TournamentRegistrationRemoved(id);
        }

        var old = _registrations.GetValueOrDefault(id);
        var row = new TournamentRegistrationRow(id, old?.TournamentId ?? Pick(5), Chance(90) ? old?.TeamId ?? Pick(9) : Pick(9),
            Chance(30) ? Pick(60) : null, Chance(70) ? "registered" : "withdrawn", Chance(50), _clock);
        _registrations[id] = row;
        return new TournamentRegistrationChanged(row, old?.Status);
    }

    private IDomainEvent Email()
    {
        var id = Pick(80);
        if (Chance(5))
        {
            return new EmailLogRemoved(id);
        }

        var failed = Chance(20);
        var row = new EmailLogRow(id, Chance(80) ? Pick(30) : null, Chance(70) ? Pick(60) : null, One(EmailTypes),
            failed ? "failed" : "sent", failed ? "smtp 550" : null, _clock);
        return Chance(80) ? new EmailLogged(row) : new EmailLogChanged(row);
    }

    private IDomainEvent Outbox()
    {
        var id = (long)Pick(50);
        if (Chance(5))
        {
            _outbox.Remove(id);
            return new OutboxEventRemoved(id);
        }

        var old = _outbox.GetValueOrDefault(id)
            ?? new OutboxRow(id, Chance(90) ? "contract_signed" : "roster_sync", Pick(60), "pending", 0, null, _clock, null);
        OutboxRow row;
        IDomainEvent result;
        switch (_random.Next(4))
        {
            case 0:
                row = old with { Status = "processed", Attempts = old.Attempts + 1, ProcessedAt = _clock, LastError = null };
                result = new OutboxEventProcessed(row);
                break;
            case 1:
                row = old with { Status = "failed", Attempts = old.Attempts + 1, LastError = "groupme 502" };
                result = new OutboxEventFailed(row);
                break;
            case 2:
                row = old with { Status = "pending", Attempts = old.Attempts + 1 };
                result = new OutboxEventRetried(row);
                break;
            default:
                row = old;
                result = new OutboxEventQueued(row);
                break;
        }

        _outbox[id] = row;
        return result;
    }
}
