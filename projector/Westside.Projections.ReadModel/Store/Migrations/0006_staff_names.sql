-- Staff accounts' login names (Keycloak's preferred_username, e.g. "marcus") by subject id. The dashboard
-- records one at every sign-in, so the pages can say who did what ("by marcus") while audit_log and
-- rebuild_requests keep storing the opaque subject id. Staff logins only, never families' data; logs
-- still name users by subject id.
create table staff_names (
    subject     text        primary key,
    username    text        not null,
    updated_at  timestamptz not null default now()
);
