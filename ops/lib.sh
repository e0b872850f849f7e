# Shared helpers for ops/ scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

apt_updated=""
# apt_install PKG... : installs the Debian packages that are missing (needs root or sudo).
apt_install() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "installing ${missing[*]}"
    if [ -z "$apt_updated" ]; then $sudo apt-get update -qq >/dev/null; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The PostgreSQL server binaries (initdb, pg_ctl, postgres) of the newest installed major version.
pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
        apt_install postgresql postgresql-client
        d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    # Debian's postgresql package enables and starts its own cluster on 5432; ours never uses it.
    echo "$d"
}

ensure_dotnet() {
    command -v dotnet >/dev/null || die "the .NET SDK (see global.json) is not installed"
}

ensure_node() {
    command -v node >/dev/null && command -v npm >/dev/null && return 0
    apt_install nodejs npm
}

# port_holder PORT : prints "PID NAME" of the process listening on TCP PORT (any address), "? ?" when a
# listener's process is not visible to us (another user's, when not root), nothing when the port is free.
# ss can list a socket without its process while it reads the process table: looked at up to 3 times.
port_holder() {
    command -v ss >/dev/null || apt_install iproute2
    local line _
    for _ in 1 2 3; do
        line=$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)
        [ -n "$line" ] || return 0
        if [[ "$line" =~ users:\(\(\"([^\"]*)\",pid=([0-9]+) ]]; then
            echo "${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
            return 0
        fi
        sleep 0.2
    done
    echo "? ?"
}

# describe_holder PORT : "port N is held by NAME (pid P)" for messages.
describe_holder() {
    local pid name
    read -r pid name < <(port_holder "$1"; echo)
    if [ -z "$pid" ]; then echo "port $1 is free"
    elif [ "$pid" = "?" ]; then echo "port $1 is held by a process of another user"
    else echo "port $1 is held by $name (pid $pid)"; fi
}

# wait_listener PID PORT SECONDS : waits until process PID itself listens on PORT. Fails at once when
# PID ends or another process holds the port, and after SECONDS. A listener ss shows without its process
# ("?": the socket is seen while the process table is read) is looked at again.
wait_listener() {
    local pid="$1" port="$2" holder _
    for _ in $(seq 1 "$(($3 * 4))"); do
        kill -0 "$pid" 2>/dev/null || return 1
        read -r holder _ < <(port_holder "$port"; echo)
        [ "$holder" = "$pid" ] && return 0
        [ -n "$holder" ] && [ "$holder" != "?" ] && return 1
        sleep 0.25
    done
    return 1
}

# pid_runs PID TEXT : process PID is alive and its command line contains TEXT (a pid file may be stale,
# and its number reused by an unrelated process).
pid_runs() {
    [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}
