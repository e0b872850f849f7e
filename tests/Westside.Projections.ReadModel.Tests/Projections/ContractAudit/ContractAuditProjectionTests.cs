using Westside.Projections.ReadModel.Events;
using Westside.Projections.ReadModel.Projections.ContractAudit;
using Westside.Projections.ReadModel.Tests.Support;

namespace Westside.Projections.ReadModel.Tests.Projections.ContractAudit;

public sealed class ContractAuditProjectionTests
{
    private readonly ProjectionHarness _club = new(new ContractAuditProjection());

    public ContractAuditProjectionTests()
    {
        _club.Apply(
            new TeamAdded(Rows.Team(1, "Hawks", "15U")),
            new ParentRegistered(Rows.Parent(1)),
            new PlayerRegistered(Rows.Player(1, 1, 1, "sent", "Zoë", "O'Brien")),
            new PlayerRegistered(Rows.Player(2, 1, null, "sent")));
    }

    [Fact]
    public void A_signed_contract_shows_its_date_version_amount_signer_and_month()
    {
        _club.Apply(
            new ContractSent(Rows.Contract(1, 1, sentAt: Rows.At(2))),
            new ContractSigned(Rows.Contract(1, 1, "signed", "2026-spring-v1", 45000, Rows.At(2), Rows.At(5), signer: "Zoë's mom")));

        var contract = _club.Data<ContractDocument>("contract:1");

        Assert.Equal(("signed", "2026-spring-v1", 45000, Rows.At(5)), (contract.Status, contract.Version, contract.AmountCents, contract.SignedAt!.Value));
        Assert.Equal(("2026-03", "Zoë's mom", "Hawks", "15U"), (contract.SignedMonth!, contract.SignerName!, contract.TeamName!, contract.AgeGroup!));
    }

    [Fact]
    public void A_contract_resent_with_a_new_version_keeps_the_voided_one_visible_and_linked()
    {
        _club.Apply(new ContractSent(Rows.Contract(1, 1, version: "2026-spring-v1", sentAt: Rows.At(2))));
        _club.Apply(
            new ContractVoided(Rows.Contract(1, 1, "voided", "2026-spring-v1", sentAt: Rows.At(2))),
            new ContractSent(Rows.Contract(2, 1, version: "2026-spring-v2", amountCents: 47500, sentAt: Rows.At(6))));

        var voided = _club.Data<ContractDocument>("contract:1");
        var resent = _club.Data<ContractDocument>("contract:2");

        Assert.Equal(("voided", false, 2), (voided.Status, voided.Resent, voided.ReplacedByContractId!.Value));
        Assert.True(resent.Resent);
        Assert.Null(resent.ReplacedByContractId);
        Assert.Equal(["2026-spring-v1", "2026-spring-v2"], resent.History.Select(h => h.Version));
        Assert.Equal(["voided", "sent"], voided.History.Select(h => h.Status));
    }

    [Fact]
    public void Totals_split_by_version_and_by_month_signed_and_count_resent_players()
    {
        _club.Apply(
            new ContractVoided(Rows.Contract(1, 1, "voided", "v1", 45000, Rows.At(1))),
            new ContractSigned(Rows.Contract(2, 1, "signed", "v2", 47500, Rows.At(2), Rows.At(3))),
            new ContractSigned(Rows.Contract(3, 2, "signed", "v2", 47500, Rows.At(2), Rows.At(2).AddDays(40))),
            new ContractDeclined(Rows.Contract(4, 2, "declined", "v1", 45000, Rows.At(1), declinedAt: Rows.At(2))));

        var totals = _club.Data<ContractTotalsDocument>("summary");

        Assert.Equal((4, 2, 1, 1, 95000L, 2), (totals.ContractCount, totals.SignedCount, totals.DeclinedCount, totals.VoidedCount, totals.SignedAmountCents, totals.ResentPlayerCount));
        Assert.Equal([new ContractVersionTotal("v1", 0, 0, 1, 1, 0), new ContractVersionTotal("v2", 0, 2, 0, 0, 95000)], totals.ByVersion);
        Assert.Equal([new ContractMonthTotal("2026-04", 1, 47500), new ContractMonthTotal("2026-03", 1, 47500)], totals.ByMonth);
    }

    [Fact]
    public void Newest_signatures_sort_first()
    {
        _club.Apply(
            new ContractSigned(Rows.Contract(1, 1, "signed", signedAt: Rows.At(3))),
            new ContractSigned(Rows.Contract(2, 2, "signed", signedAt: Rows.At(9))));

        var order = _club.Documents().Values.Where(d => d.Kind == "contract").OrderBy(d => d.SortKey, StringComparer.Ordinal)
            .Select(d => ((ContractDocument)d.Data).ContractId);

        Assert.Equal([2, 1], order);
    }

    [Fact]
    public void Renaming_a_player_or_their_team_updates_their_contracts()
    {
        _club.Apply(new ContractSent(Rows.Contract(1, 1)));

        _club.Apply(new TeamChanged(Rows.Team(1, "<em>Hawks</em> Élite")), new PlayerChanged(Rows.Player(1, 1, 1, "sent", "Zoé")));

        var contract = _club.Data<ContractDocument>("contract:1");
        Assert.Equal(("<em>Hawks</em> Élite", "Zoé"), (contract.TeamName!, contract.PlayerFirstName!));
    }

    [Fact]
    public void A_removed_contract_leaves_the_audit()
    {
        _club.Apply(new ContractSent(Rows.Contract(1, 1)), new ContractSent(Rows.Contract(2, 1, sentAt: Rows.At(4))));

        _club.Apply(new ContractRemoved(2));

        Assert.Null(_club.Find("contract:2"));
        Assert.Null(_club.Data<ContractDocument>("contract:1").ReplacedByContractId);
    }
}
