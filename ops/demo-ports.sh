# ops/demo's claim on its ports and processes. Sourced by ops/demo (needs lib.sh, RUN, LOGS, the ports,
# PROJECTOR and DASHBOARD). Each run records its pids in $RUN/<name>.pid; a pid counts as the demo's own
# only while that process runs and its command line is the one the demo started (pids get reused).

# The text an own process's command line contains.
own_marker() {
    case "$1" in
        demo) echo "ops/demo" ;;
        oidc) echo "server.mjs" ;;
        projector) echo "$PROJECTOR" ;;
        dashboard) echo "$DASHBOARD" ;;
    esac
}

record_pid() { mkdir -p "$RUN"; echo "$2" >"$RUN/$1.pid"; }

# own_pid NAME : the pid of the demo's own NAME from an earlier run, if it still runs.
own_pid() {
    local pid
    [ -f "$RUN/$1.pid" ] || return 0
    pid=$(cat "$RUN/$1.pid")
    if pid_runs "$pid" "$(own_marker "$1")"; then echo "$pid"; fi
}

# The postmaster of the demo's own cluster, if it runs.
own_postmaster() {
    local file pid
    file="$(ops/pg dir)/data/postmaster.pid"
    [ -f "$file" ] || return 0
    pid=$(head -n 1 "$file")
    if pid_runs "$pid" postgres; then echo "$pid"; fi
}

# stop_own NAME PID : TERM, then KILL after 30 s.
stop_own() {
    local label="$1"
    [ "$1" = oidc ] && label="OpenID provider"
    [ "$1" = demo ] && label="script"
    say "stopping the $label of an earlier ops/demo run (pid $2)"
    kill "$2" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$2" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$2" 2>/dev/null && kill -KILL "$2" 2>/dev/null || true
    rm -f "$RUN/$1.pid"
}

# Before starting anything: every port free or held by the demo's own earlier run, else stop with the
# holder named. Then the earlier run is stopped (its PostgreSQL is reused) and this run records itself.
claim_ports() {
    local what port pid own refused=()
    for what in "dashboard $DASH_PORT" "oidc $OIDC_PORT" "postgres $PG_PORT"; do
        read -r what port <<<"$what"
        read -r pid _ < <(port_holder "$port"; echo)
        [ -n "$pid" ] || continue
        if [ "$what" = postgres ]; then own=$(own_postmaster); else own=$(own_pid "$what"); fi
        [ "$pid" = "$own" ] || refused+=("$(describe_holder "$port")")
    done
    if [ ${#refused[@]} -gt 0 ]; then
        printf 'error: %s\n' "${refused[@]}" >&2
        die "ops/demo needs ports $DASH_PORT, $OIDC_PORT and $PG_PORT: stop what holds them, or move the demo (DEMO_DASHBOARD_PORT, DEMO_OIDC_PORT, DEMO_PG_PORT)"
    fi
    # An earlier ops/demo still running (in another terminal): its own Ctrl-C path stops its processes.
    pid=$(own_pid demo)
    if [ -n "$pid" ] && [ "$pid" != "$$" ]; then stop_own demo "$pid"; fi
    # Processes left by an earlier run whose terminal closed or that was killed: restarted with this build.
    for what in oidc projector dashboard; do
        pid=$(own_pid "$what")
        if [ -n "$pid" ]; then stop_own "$what" "$pid"; fi
    done
    # The demo's cluster, still up from such a run: reused, unless it listens on another port.
    pid=$(own_postmaster)
    if [ -n "$pid" ]; then
        read -r own _ < <(port_holder "$PG_PORT"; echo)
        if [ "$own" = "$pid" ]; then say "reusing the demo's PostgreSQL from an earlier run (pid $pid)"; else ops/pg stop; fi
    fi
    record_pid demo "$$"
}

# wait_own NAME PORT URL : this run's NAME listens on PORT itself and URL answers.
wait_own() {
    local pid
    pid=$(cat "$RUN/$1.pid")
    if ! wait_listener "$pid" "$2" 120; then
        tail -n 30 "$LOGS/$1.log" >&2
        kill -0 "$pid" 2>/dev/null || die "the $1 stopped (log: $LOGS/$1.log)"
        [ -z "$(port_holder "$2")" ] || die "$(describe_holder "$2"), not by this run's $1 (pid $pid)"
        die "the $1 did not listen on port $2 in 120 s"
    fi
    for _ in $(seq 1 60); do
        curl -fsS -o /dev/null "$3" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    tail -n 30 "$LOGS/$1.log" >&2
    die "the $1 (pid $pid) does not answer $3"
}
