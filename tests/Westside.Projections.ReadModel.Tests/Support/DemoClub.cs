using Westside.Projections.ReadModel.Events;

namespace Westside.Projections.ReadModel.Tests.Support;

// A club shaped like the demo (about 11 teams, 150 players, families of one to four kids), with
// every story's cases: unsigned, sent, declined and signed players on every team, players with
// no team, parents without email or phone, all payment methods and refunds, re-sent contracts,
// subscriptions in each status, tournaments with partial registrations, outbox rows in each state,
// and names with accents, apostrophes and HTML-like text. Deterministic from the seed.
public static class DemoClub
{
    private static readonly string[] First = ["Zoë", "D'Andre", "José", "Ana", "Liam", "Mia", "<b>Bo</b>", "Émile", "Noah", "Ava", "Chloé", "Kai"];
    private static readonly string[] Last = ["O'Brien", "Nuñez", "García", "Smith", "Lee", "Müller", "<script>x</script>", "D'Arcy", "Johnson", "Nguyen"];
    private static readonly string[] Ages = ["10U", "11U", "12U", "13U", "14U", "15U", "16U", "17U"];
    private static readonly string[] Statuses = ["none", "sent", "sent", "declined", "signed", "signed", "signed"];
    private static readonly string[] Methods = ["stripe", "cash", "venmo", "check"];

    public static IEnumerable<IDomainEvent> Events(int players = 150, int seed = 42)
    {
        var random = new Random(seed);
        var teams = Math.Max(11, players / 14);
        for (var t = 1; t <= teams; t++)
        {
            var share = t % 5 == 0 ? null : $"https://groupme.com/join_group/{t}/abcdef";
            yield return new TeamAdded(new TeamRow(t, $"Westside {Ages[t % Ages.Length]} {Last[t % Last.Length]}", "2026-spring",
                Ages[t % Ages.Length], t % 2 == 0 ? "girls" : "boys", "Coach " + Last[(t + 3) % Last.Length],
                share is null ? null : $"{t}", share, Rows.At(1)));
        }

        var playerId = 0;
        var parentId = 0;
        var contractId = 0;
        var paymentId = 0;
        var subscriptionId = 0;
        var emailId = 0;
        long outboxId = 0;
        while (playerId < players)
        {
            parentId++;
            var lastName = Last[random.Next(Last.Length)];
            var email = random.Next(12) == 0 ? null : $"family{parentId}@example.com";
            var phone = random.Next(4) == 0 ? null : $"555-{parentId:D4}";
            yield return new ParentRegistered(new ParentRow(parentId, First[random.Next(First.Length)], lastName, email, phone, Rows.At(1)));
            var kids = Math.Min(players - playerId, random.Next(10) switch { < 5 => 1, < 8 => 2, < 9 => 3, _ => 4 });
            for (var k = 0; k < kids; k++)
            {
                playerId++;
                int? team = random.Next(20) == 0 ? null : 1 + random.Next(teams);
                var status = Statuses[random.Next(Statuses.Length)];
                yield return new PlayerRegistered(new PlayerRow(playerId, parentId, team, First[random.Next(First.Length)], lastName,
                    2009 + random.Next(8), null, status, "YM", random.Next(100), Rows.At(1), Rows.At(1)));
                if (status != "none")
                {
                    var sentAt = Rows.At(2 + random.Next(20));
                    if (random.Next(8) == 0)
                    {
                        yield return new ContractVoided(new ContractRow(++contractId, playerId, "2026-spring-v1", 45000, "voided", sentAt.AddDays(-10), null, null, null));
                    }

                    var row = new ContractRow(++contractId, playerId, "2026-spring-v2", 47500, status, sentAt,
                        status == "signed" ? sentAt.AddDays(2) : null, status == "declined" ? sentAt.AddDays(1) : null,
                        status == "signed" ? "Parent " + lastName : null);
                    yield return status switch
                    {
                        "signed" => new ContractSigned(row),
                        "declined" => new ContractDeclined(row),
                        _ => new ContractSent(row),
                    };
                    if (status == "signed" && random.Next(10) != 0)
                    {
                        var outcome = random.Next(10);
                        var outboxStatus = outcome < 7 ? "processed" : outcome < 9 ? "pending" : "failed";
                        yield return new OutboxEventQueued(new OutboxRow(++outboxId, "contract_signed", playerId, outboxStatus,
                            outboxStatus == "pending" ? 0 : 2, outboxStatus == "failed" ? "GroupMe 502 Bad Gateway" : null,
                            sentAt.AddDays(2), outboxStatus == "processed" ? sentAt.AddDays(2).AddMinutes(1) : null));
                        if (outboxStatus == "processed" && random.Next(8) != 0)
                        {
                            yield return new EmailLogged(new EmailLogRow(++emailId, parentId, playerId, "contract_signed", "sent", null, sentAt.AddDays(2)));
                        }
                    }
                }

                if (random.Next(3) != 0)
                {
                    var method = Methods[random.Next(Methods.Length)];
                    yield return new JerseyPaymentRecorded(new JerseyPaymentRow(++paymentId, playerId, 3500, method, Rows.At(5 + random.Next(20)),
                        method == "cash" ? "Marcus" : null, method == "check" ? "check #" + paymentId : null));
                    if (random.Next(12) == 0)
                    {
                        yield return new JerseyPaymentRecorded(new JerseyPaymentRow(++paymentId, playerId, -3500, method, Rows.At(26), null, "refund"));
                    }
                }

                if (random.Next(4) != 0)
                {
                    var dues = random.Next(6) switch { 0 => "past_due", 1 => "canceled", _ => "active" };
                    yield return new SubscriptionStarted(new SubscriptionRow(++subscriptionId, playerId, parentId, "monthly", 6000, dues,
                        new DateOnly(2026, 3, 1).AddDays(random.Next(-20, 30)), Rows.At(1)));
                }
            }

            for (var e = 0; e < 3; e++)
            {
                var failed = random.Next(10) == 0;
                yield return new EmailLogged(new EmailLogRow(++emailId, parentId, null, e == 0 ? "registration" : "reminder",
                    failed ? "failed" : "sent", failed ? "550 mailbox unavailable" : null, Rows.At(1 + e)));
            }
        }

        for (var t = 1; t <= 3; t++)
        {
            var starts = new DateOnly(2026, 3, 1).AddDays(20 * t);
            yield return new TournamentScheduled(new TournamentRow(t, $"Spring Classic #{t} — L'Été", "Gym", starts, starts.AddDays(1),
                starts.AddDays(-7), 35000));
            for (var team = t; team <= teams; team += 2)
            {
                yield return new TournamentRegistrationChanged(new TournamentRegistrationRow(
                    (t * 1000) + team, t, team, null, random.Next(5) == 0 ? "withdrawn" : "registered", random.Next(2) == 0, Rows.At(2)), null);
            }
        }
    }
}
