#!/usr/bin/env bash
# Runs once, when compose's source-db volume is first initialised (postgres image, docker-entrypoint-initdb.d):
#  1. the basketball-api fixture schema and the read-only role migration, from ops/sql/source (mounted
#     at /westside/sql/source), in file-name order, exactly as the tests and the demo apply them;
#  2. the read-only role's password from WESTSIDE_RO_PASSWORD, set out of band as in production
#     (psql variable, so the value never appears in SQL text or in the server log).
# The demo data is loaded afterwards by compose's one-shot `fixture` service.
set -euo pipefail

: "${WESTSIDE_RO_PASSWORD:?WESTSIDE_RO_PASSWORD is not set (compose passes SOURCE_RO_PASSWORD from .env)}"

psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --no-psqlrc --quiet)

for f in /westside/sql/source/*.sql; do
    echo "westside: applying ${f##*/}"
    "${psql[@]}" --file "$f"
done

echo "westside: setting the password of westside_projections_ro"
"${psql[@]}" --set ro_password="$WESTSIDE_RO_PASSWORD" <<'SQL'
alter role westside_projections_ro password :'ro_password';
SQL
