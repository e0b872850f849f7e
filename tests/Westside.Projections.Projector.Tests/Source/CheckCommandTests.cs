using Westside.Projections.Testing;
using Xunit;

namespace Westside.Projections.Projector.Tests.Source;

// `projector check` as an operator runs it: a real process against a real source and store.
public sealed class CheckCommandTests(SourceAndStore db) : IClassFixture<SourceAndStore>
{
    private Dictionary<string, string> Env(string sourceUrl) => new()
    {
        ["SOURCE_PGURL"] = sourceUrl,
        ["STORE_PGURL"] = db.Store,
    };

    private Task<ProjectorProcess.Result> CheckAsync(string sourceUrl) => ProjectorProcess.RunAsync(Env(sourceUrl), "check");

    private Task<ProjectorProcess.Result> CheckAsRoleAsync(string role) => CheckAsync(ReadOnlyRoles.Url(db, role));

    // A fresh role with the fixture's grants, then one change to its privileges (the SQL names the role).
    private async Task<string> RoleLikeFixtureAsync(string hint, Func<string, string> change)
    {
        var role = await ReadOnlyRoles.CreateLikeFixtureAsync(db, hint);
        await db.SourceExecAsync(change(role));
        return role;
    }

    [Fact]
    public async Task Check_passes_with_the_fixture_role()
    {
        var result = await CheckAsync(db.SourceReadOnly);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.All);
        Assert.Contains("source role is read-only", result.Output);
        Assert.Contains("store reachable", result.Output);
    }

    [Fact]
    public async Task Check_refuses_a_role_granted_insert_on_one_table_and_names_table_and_privilege()
    {
        var role = await RoleLikeFixtureAsync("ins", r => $"grant insert on jersey_payments to {r}");

        var result = await CheckAsRoleAsync(role);

        Assert.Equal(ExitCodes.WriteCapableRole, result.ExitCode);
        Assert.Contains("INSERT on public.jersey_payments", result.Output);
        Assert.Contains($"REVOKE INSERT ON public.jersey_payments FROM {role};", result.Output);
    }

    [Fact]
    public async Task Check_refuses_a_role_that_inherits_a_write_privilege_through_membership()
    {
        var role = await ReadOnlyRoles.CreateLikeFixtureAsync(db, "member");
        var group = $"t_writers_{Guid.NewGuid():N}"[..22];
        var outer = $"t_staff_{Guid.NewGuid():N}"[..20];
        await db.SourceExecAsync($"create role {group} nologin; grant delete on contracts to {group}");
        await db.SourceExecAsync($"create role {outer} nologin; grant {group} to {outer}; grant {outer} to {role}");

        var result = await CheckAsRoleAsync(role);

        Assert.Equal(ExitCodes.WriteCapableRole, result.ExitCode);
        Assert.Contains($"{group} can DELETE on public.contracts", result.Output);
        Assert.Contains($"REVOKE {group} FROM {role};", result.Output);
    }

    [Fact]
    public async Task Check_refuses_a_member_of_pg_write_all_data()
    {
        var role = await RoleLikeFixtureAsync("wad", r => $"grant pg_write_all_data to {r}");

        var result = await CheckAsRoleAsync(role);

        Assert.Equal(ExitCodes.WriteCapableRole, result.ExitCode);
        Assert.Contains("pg_write_all_data", result.Output);
    }

    [Fact]
    public async Task Check_refuses_a_superuser()
    {
        var result = await CheckAsync(db.SourceAdmin);

        Assert.Equal(ExitCodes.WriteCapableRole, result.ExitCode);
        Assert.Contains("act as superuser", result.Output);
    }

    [Fact]
    public async Task Check_names_table_and_column_when_a_granted_column_is_revoked()
    {
        var role = await RoleLikeFixtureAsync("revoked", r => $"revoke select (phone) on parents from {r}");

        var result = await CheckAsRoleAsync(role);

        Assert.Equal(ExitCodes.ContractMismatch, result.ExitCode);
        Assert.Contains("parents.phone: column is not readable by the role", result.Output);
        Assert.Contains($"GRANT SELECT (phone) ON public.parents TO {role};", result.Output);
    }

    [Fact]
    public async Task Check_names_the_grant_for_a_missing_xmin_column_grant()
    {
        var role = await RoleLikeFixtureAsync("xmin", r => $"revoke select (xmin) on outbox from {r}");

        var result = await CheckAsRoleAsync(role);

        Assert.Equal(ExitCodes.ContractMismatch, result.ExitCode);
        Assert.Contains($"GRANT SELECT (xmin) ON public.outbox TO {role};", result.Output);
    }

    [Fact]
    public async Task Check_names_the_variable_when_SOURCE_PGURL_is_unset()
    {
        var result = await ProjectorProcess.RunAsync(new Dictionary<string, string> { ["STORE_PGURL"] = db.Store }, "check");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("SOURCE_PGURL is not set", result.Error);
    }

    [Fact]
    public async Task Check_names_the_variable_when_STORE_PGURL_is_unset()
    {
        var result = await ProjectorProcess.RunAsync(new Dictionary<string, string> { ["SOURCE_PGURL"] = db.SourceReadOnly }, "check");

        Assert.Equal(ExitCodes.ConfigurationError, result.ExitCode);
        Assert.Contains("STORE_PGURL is not set", result.Error);
    }

    [Fact]
    public async Task Check_never_prints_a_password_when_it_passes_or_fails()
    {
        var ok = await ReadOnlyRoles.CreateLikeFixtureAsync(db, "pwok");
        var writer = await RoleLikeFixtureAsync("pwbad", r => $"grant update on players to {r}");
        var unreachable = $"postgres://{ok}:{ReadOnlyRoles.Password}@127.0.0.1:1/{db.SourceDatabase}";
        var malformed = $"postgres://{ok}:{ReadOnlyRoles.Password}@[not a host/db";

        var results = new[]
        {
            await CheckAsRoleAsync(ok),
            await CheckAsRoleAsync(writer),
            await CheckAsync(unreachable),
            await CheckAsync(malformed),
        };

        Assert.Equal([ExitCodes.Ok, ExitCodes.WriteCapableRole, ExitCodes.SourceUnavailable, ExitCodes.ConfigurationError],
            results.Select(r => r.ExitCode));
        Assert.All(results, r => Assert.DoesNotContain(ReadOnlyRoles.Password, r.All));
    }
}
