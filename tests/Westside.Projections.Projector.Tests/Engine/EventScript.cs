using Westside.Projections.Projector.Capture;
using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.Projector.Tests.Engine;

// A deterministic stream of club events (teams, parents, players registered, moved, signed, removed)
// for tests that need an event log without a source. Names are synthetic.
public sealed class EventScript(int seed)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly Random _random = new(seed);
    private readonly Dictionary<int, PlayerRow> _players = [];
    private int _nextPlayer = 1;

    public int Teams { get; private set; }

    public IEnumerable<CapturedEvent> Setup(int teams, int parents)
    {
        for (var t = 1; t <= teams; t++)
        {
            Teams = teams;
            yield return new CapturedEvent("teams", $"{t}", new TeamAdded(new TeamRow(
                t, $"Team {t:D2}", "2026-spring", $"{10 + (t % 8)}U", t % 2 == 0 ? "girls" : "boys", null, null, null, Epoch)));
        }

        for (var p = 1; p <= parents; p++)
        {
            yield return new CapturedEvent("parents", $"{p}", new ParentRegistered(new ParentRow(
                p, $"Parent{p}", $"Family{p}", null, null, Epoch)));
        }
    }

    // One random player change: mostly registrations, then moves, status changes and removals.
    public CapturedEvent Next(int parents)
    {
        var roll = _random.Next(100);
        if (_players.Count < 5 || roll < 40)
        {
            var id = _nextPlayer++;
            var row = new PlayerRow(
                id, 1 + _random.Next(parents), _random.Next(4) == 0 ? null : 1 + _random.Next(Teams),
                $"First{id}", $"Last{_random.Next(1000):D3}", 2012 + _random.Next(6), null, "none", null, null, Epoch, Epoch);
            _players[id] = row;
            return new CapturedEvent("players", $"{id}", new PlayerRegistered(row));
        }

        var existing = _players.Values.ElementAt(_random.Next(_players.Count));
        if (roll < 65)
        {
            var moved = existing with { TeamId = _random.Next(5) == 0 ? null : 1 + _random.Next(Teams) };
            _players[moved.Id] = moved;
            return new CapturedEvent("players", $"{moved.Id}", new PlayerAssignedToTeam(moved, existing.TeamId));
        }

        if (roll < 90)
        {
            var status = new[] { "none", "sent", "signed", "declined" }[_random.Next(4)];
            var changed = existing with { ContractStatus = status };
            _players[changed.Id] = changed;
            return new CapturedEvent("players", $"{changed.Id}", new PlayerContractStatusChanged(changed, existing.ContractStatus));
        }

        _players.Remove(existing.Id);
        return new CapturedEvent("players", $"{existing.Id}", new PlayerRemoved(existing.Id));
    }

    public static IReadOnlyList<RecordedEvent> Number(IEnumerable<CapturedEvent> events, long after = 0) =>
        events.Select((e, i) => new RecordedEvent(after + i + 1, e.SourceTable, e.SourceKey, Epoch, Epoch, e.Event)).ToList();
}
