# Issue 15: the commands work from any checkout. A fresh clone in a private (0700) folder, as root (whose
# postgres user cannot enter it) and as an ordinary user: the clone's ops/pg starts a cluster, the fixture
# loads into it, `projector check` passes, and ops/pg destroy removes it; no folder's permissions change.
# The projector and fixture are the ones ops/test built (building the clone would take minutes).

# clone_into DIR : a clone of this repository whose ops/pg and ops/lib.sh are this checkout's as they are
# now (committed or not), so the clone runs the scripts under test.
clone_into() {
    git clone -q "$ROOT" "$1"
    cp "$ROOT/ops/pg" "$ROOT/ops/lib.sh" "$1/ops/"
}

# cluster_round_trip CLONE FIXTURE PROJECTOR PORT : run by the user under test, in the clone. Ends by
# printing where ops/pg put the cluster.
cluster_round_trip() {
    local clone="$1" fixture="$2" projector="$3" port="$4"
    cd "$clone"
    export PG_PORT="$port" PG_EPHEMERAL=1
    ops/pg start
    local admin="postgres://postgres@127.0.0.1:$port"
    psql "$admin/postgres" -v ON_ERROR_STOP=1 -q -c "create database basketball" \
        -c "create role westside_store login password 'store-test'" -c "create database westside_store owner westside_store"
    dotnet "$fixture" apply-schema --url "$admin/basketball" --sql-dir "$clone/ops/sql/source" --change-marker
    dotnet "$fixture" load --url "$admin/basketball" --players 100 --seed 7
    psql "$admin/postgres" -v ON_ERROR_STOP=1 -q -c "alter role westside_projections_ro password 'ro-test'"
    SOURCE_PGURL="postgres://westside_projections_ro:ro-test@127.0.0.1:$port/basketball" \
        STORE_PGURL="postgres://westside_store:store-test@127.0.0.1:$port/westside_store" \
        dotnet "$projector" check >"$clone/.local/check.out" 2>&1 || { cat "$clone/.local/check.out"; return 1; }
    grep "check passed" "$clone/.local/check.out" || { cat "$clone/.local/check.out"; return 1; }
    echo "cluster: $(ops/pg dir)"
}

# The tests below run in their own subshell (ops/ops-tests/run): globals, which their EXIT traps can read.

test_clone_in_private_folder() {
    private=$(mktemp -d)
    chmod 700 "$private"
    read -r port < <(free_ports 1)
    trap '(cd "$private/w" 2>/dev/null && PG_PORT="$port" ops/pg destroy) || true; rm -rf "$private"' EXIT
    clone_into "$private/w"
    out="$private/round-trip.out"
    cluster_round_trip "$private/w" "$(built ops/fixture/Westside.Projections.Fixture fixture)" \
        "$(built projector/Westside.Projections.Projector projector)" "$port" 2>&1 | tee "$out"
    cluster=$(sed -n 's/^cluster: //p' "$out")
    if [ "$(id -u)" -eq 0 ]; then
        case "$cluster" in /var/tmp/westside-pg/?*) ;; *) fail "as root the cluster should live outside the 0700 folder, not in $cluster" ;; esac
        expect_in "$out" "the cluster lives in $cluster"
    else
        [ "$cluster" = "$private/w/.local/pg" ] || fail "as the folder's owner the cluster should stay in the clone, not in $cluster"
    fi
    [ "$(stat -c %a "$private")" = 700 ] || fail "the private folder's mode changed to $(stat -c %a "$private")"
    (cd "$private/w" && PG_PORT="$port" ops/pg destroy)
    [ ! -e "$cluster" ] || fail "ops/pg destroy left $cluster"
    [ ! -e "$private/w/.local/pg" ] || fail "ops/pg destroy left $private/w/.local/pg"
}

test_clone_as_ordinary_user() {
    [ "$(id -u)" -eq 0 ] || skip "running as an ordinary user already: test_clone_in_private_folder covers it"
    command -v useradd >/dev/null || skip "no useradd to create a throwaway user"
    fixture=$(built ops/fixture/Westside.Projections.Fixture fixture)
    projector=$(built projector/Westside.Projections.Projector projector)
    user="wsp-test-$$"
    useradd --create-home --shell /bin/bash "$user"
    home=$(getent passwd "$user" | cut -d: -f6)
    private="$home/private"
    read -r port < <(free_ports 1)
    as_user() { (cd / && runuser -u "$user" -- "$@"); }
    trap 'as_user env PG_PORT="$port" "$private/w/ops/pg" destroy || true; userdel --remove "$user" 2>/dev/null || true' EXIT
    mkdir -m 700 "$private"
    clone_into "$private/w"
    # The build output, where the user can read it wherever this checkout is (e.g. under /root).
    cp -r "$(dirname "$fixture")" "$private/fixture"
    cp -r "$(dirname "$projector")" "$private/projector"
    chown -R "$user:" "$private"
    out="$private/round-trip.out"
    as_user bash -c "set -euo pipefail; $(declare -f cluster_round_trip); cluster_round_trip \
        '$private/w' '$private/fixture/$(basename "$fixture")' '$private/projector/$(basename "$projector")' '$port'" 2>&1 | tee "$out"
    cluster=$(sed -n 's/^cluster: //p' "$out")
    [ "$cluster" = "$private/w/.local/pg" ] || fail "an ordinary user's cluster should stay in the clone, not in $cluster"
    [ "$(stat -c '%a %U' "$private/w/.local/pg/data")" = "700 $user" ] || fail "the cluster should belong to $user"
    [ "$(stat -c %a "$private")" = 700 ] || fail "the private folder's mode changed to $(stat -c %a "$private")"
    as_user env PG_PORT="$port" "$private/w/ops/pg" destroy
    [ ! -e "$private/w/.local/pg" ] || fail "ops/pg destroy left $private/w/.local/pg"
}
