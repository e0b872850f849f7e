using Npgsql;

namespace Westside.Projections.Projector.Source;

// Refuses a source role that could change anything: superuser, CREATEROLE, member (directly or
// through other roles, inherited or not: SET ROLE reaches them all) of pg_write_all_data or of any
// role holding INSERT/UPDATE/DELETE/TRUNCATE/REFERENCES/TRIGGER on a table or column, sequence
// UPDATE/USAGE (nextval writes), or CREATE on a schema, in any non-system schema.
public static class ReadOnlyGuard
{
    public sealed record Finding(string Role, string Privilege, string Target, string Fix)
    {
        public override string ToString() => $"{Role} can {Privilege} {Target} — fix: {Fix}";
    }

    public static async Task<IReadOnlyList<Finding>> InspectAsync(NpgsqlConnection source, CancellationToken ct)
    {
        var findings = new List<Finding>();
        await using var cmd = new NpgsqlCommand(Sql, source);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            findings.Add(new Finding(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return findings;
    }

    // Each row: the role (current_user or a role it is a member of), the privilege, the object, and the fix.
    private const string Sql = """
        with me as (select current_user::text as name),
        roles as (
            select r.oid, r.rolname, r.rolsuper, r.rolcreaterole
            from pg_roles r
            where pg_has_role(current_user, r.oid, 'MEMBER')
        ),
        rels as (
            select c.oid, format('%I.%I', n.nspname, c.relname) as name, c.relkind
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
              and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
        ),
        fix_role as (
            select r.*, case when r.rolname = (select name from me) then null
                             else format('REVOKE %I FROM %I;', r.rolname, (select name from me)) end as revoke_membership
            from roles r
        )
        select r.rolname, 'act as superuser', 'on the whole cluster',
               coalesce(r.revoke_membership, format('ALTER ROLE %I NOSUPERUSER;', r.rolname))
        from fix_role r where r.rolsuper
        union all
        select r.rolname, 'create and grant roles (CREATEROLE)', 'on the whole cluster',
               coalesce(r.revoke_membership, format('ALTER ROLE %I NOCREATEROLE;', r.rolname))
        from fix_role r where r.rolcreaterole and not r.rolsuper
        union all
        select r.rolname, 'write every table (pg_write_all_data)', 'in every schema',
               format('REVOKE pg_write_all_data FROM %I;', (select name from me))
        from fix_role r where r.rolname = 'pg_write_all_data'
        union all
        select r.rolname, p.priv, 'on ' || t.name,
               coalesce(r.revoke_membership, format('REVOKE %s ON %s FROM %I;', p.priv, t.name, r.rolname))
        from fix_role r
        cross join rels t
        cross join unnest(array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p(priv)
        where t.relkind <> 'S' and not r.rolsuper and r.rolname <> 'pg_write_all_data'
          and (has_table_privilege(r.oid, t.oid, p.priv)
               or (p.priv in ('INSERT', 'UPDATE', 'REFERENCES') and has_any_column_privilege(r.oid, t.oid, p.priv)))
        union all
        select r.rolname, p.priv, 'on sequence ' || t.name,
               coalesce(r.revoke_membership, format('REVOKE %s ON SEQUENCE %s FROM %I;', p.priv, t.name, r.rolname))
        from fix_role r
        cross join rels t
        cross join unnest(array['UPDATE', 'USAGE']) p(priv)
        where t.relkind = 'S' and not r.rolsuper and has_sequence_privilege(r.oid, t.oid, p.priv)
        union all
        select r.rolname, 'CREATE', 'in schema ' || quote_ident(n.nspname),
               coalesce(r.revoke_membership, format('REVOKE CREATE ON SCHEMA %I FROM %I;', n.nspname, r.rolname))
        from fix_role r
        cross join pg_namespace n
        where n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
          and not r.rolsuper and has_schema_privilege(r.oid, n.oid, 'CREATE')
        order by 1, 3, 2
        """;
}
