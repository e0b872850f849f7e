# Issue 15: ops/demo claims its ports before starting anything. Each test moves the demo to free ports
# (DEMO_DASHBOARD_PORT, DEMO_OIDC_PORT, DEMO_PG_PORT) and a private state folder (DEMO_STATE_DIR, 0700: as
# root its cluster then lives outside it, see ops/pg), so it never meets a demo you run yourself. It uses
# what ops/test built (--no-build).

demo_setup() {
    built dashboard/Westside.Projections.Dashboard Westside.Projections.Dashboard >/dev/null
    STATE=$(mktemp -d)
    read -r DEMO_DASHBOARD_PORT DEMO_OIDC_PORT DEMO_PG_PORT < <(free_ports 3)
    export DEMO_STATE_DIR="$STATE" DEMO_DASHBOARD_PORT DEMO_OIDC_PORT DEMO_PG_PORT
    started=()
    trap demo_cleanup EXIT
}

# Whatever a failed test left running: the processes it started, the demo's (by their pid files), the cluster.
demo_cleanup() {
    local pid f
    for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for f in "$STATE"/demo-run/*.pid; do
        [ -f "$f" ] && pid=$(cat "$f") && [ "$pid" != "$$" ] && kill "$pid" 2>/dev/null || true
    done
    PG_DIR="$STATE/pg" PG_PORT="$DEMO_PG_PORT" ops/pg destroy || true
    rm -rf "$STATE"
}

test_demo_refuses_a_port_held_by_another_process() {
    demo_setup
    node -e "require('net').createServer().listen($DEMO_OIDC_PORT, '127.0.0.1')" &
    holder=$!
    started+=("$holder")
    wait_listener "$holder" "$DEMO_OIDC_PORT" 30 || fail "the dummy listener did not start"
    if ops/demo --smoke --no-build >"$STATE/out" 2>&1; then fail "ops/demo ran although port $DEMO_OIDC_PORT was taken"; fi
    cat "$STATE/out"
    expect_in "$STATE/out" "port $DEMO_OIDC_PORT is held by node (pid $holder)"
    # Nothing started: no pid recorded, no cluster running, the other ports still free.
    [ -z "$(ls "$STATE/demo-run" 2>/dev/null)" ] || fail "ops/demo recorded processes: $(ls "$STATE/demo-run")"
    if PG_DIR="$STATE/pg" PG_PORT="$DEMO_PG_PORT" ops/pg status; then fail "ops/demo started PostgreSQL"; fi
    [ -z "$(port_holder "$DEMO_DASHBOARD_PORT")$(port_holder "$DEMO_PG_PORT")" ] || fail "ops/demo took a port"
    kill "$holder"
}

# The trap from the issue: an earlier demo whose terminal went away (here: SIGKILL, so none of its own
# clean-up runs) still holds the ports. The next `ops/demo --smoke` restarts those processes and reuses the
# cluster, and ends healthy on its own dashboard; a second --smoke right after it ends healthy too.
test_demo_restarts_its_leftovers_and_smokes_twice() {
    demo_setup
    ops/demo --no-build >"$STATE/run0" 2>&1 &
    demo=$!
    started+=("$demo")
    for _ in $(seq 1 600); do
        grep -q "is running" "$STATE/run0" && break
        kill -0 "$demo" 2>/dev/null || { cat "$STATE/run0"; fail "the first ops/demo ended early"; }
        sleep 0.5
    done
    expect_in "$STATE/run0" "Westside Projections is running"
    old_dashboard=$(cat "$STATE/demo-run/dashboard.pid")
    old_postmaster=$(read -r p < "$(PG_DIR="$STATE/pg" ops/pg dir)/data/postmaster.pid"; echo "$p")
    kill -KILL "$demo"
    wait "$demo" 2>/dev/null || true
    kill -0 "$old_dashboard" || fail "the first run's dashboard should still run after its script was killed"
    [ "$(port_holder "$DEMO_DASHBOARD_PORT" | cut -d' ' -f1)" = "$old_dashboard" ] || fail "the old dashboard should hold its port"

    for run in 1 2; do
        ops/demo --smoke --no-build >"$STATE/run$run" 2>&1 || { cat "$STATE/run$run"; fail "ops/demo --smoke run $run failed"; }
        cat "$STATE/run$run"
        expect_in "$STATE/run$run" "Westside Projections is running"
        expect_in "$STATE/run$run" "Dashboard        http://127.0.0.1:$DEMO_DASHBOARD_PORT"
        grep '^{"status":' "$STATE/run$run" | tail -n 1 | grep -q '^{"status":"ok"' || fail "run $run did not end healthy"
        [ -z "$(ls "$STATE/demo-run" 2>/dev/null)" ] || fail "run $run left pid files: $(ls "$STATE/demo-run")"
        for port in "$DEMO_DASHBOARD_PORT" "$DEMO_OIDC_PORT" "$DEMO_PG_PORT"; do
            [ -z "$(port_holder "$port")" ] || fail "after run $run, $(describe_holder "$port")"
        done
    done
    expect_in "$STATE/run1" "stopping the dashboard of an earlier ops/demo run (pid $old_dashboard)"
    expect_in "$STATE/run1" "reusing the demo's PostgreSQL from an earlier run (pid $old_postmaster)"
    if kill -0 "$old_dashboard" 2>/dev/null; then fail "the old dashboard still runs"; fi
    # The data stays between runs: the second run finds the source database the first one created.
    if grep -q "creating the source database" "$STATE/run2"; then fail "run 2 did not find the demo's data"; fi
    data=$(PG_DIR="$STATE/pg" ops/pg dir)
    expect_in "$STATE/run2" "Data             $data"
    if [ "$(id -u)" -eq 0 ]; then
        case "$data" in /var/lib/westside-pg/?*) ;; *) fail "as root the demo's cluster should live outside its 0700 folder, not in $data" ;; esac
    fi
}
