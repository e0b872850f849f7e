# Helpers for the ops/ops-tests/*.test.sh tests. Sourced by ops/ops-tests/run after lib.sh.

fail() { echo "FAILED: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }

# free_ports N : N distinct free TCP ports on 127.0.0.1.
free_ports() {
    python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# built PROJECT-DIR ASSEMBLY : the path of a Debug build output (ops/test builds the solution first).
built() {
    local dll="$ROOT/$1/bin/Debug/net10.0/$2.dll"
    [ -f "$dll" ] || fail "not built: $dll (run after dotnet build, as ops/test does)"
    echo "$dll"
}

# expect_in FILE TEXT : FILE contains TEXT (fixed string), else fail showing the file's end.
expect_in() {
    grep -qF -- "$2" "$1" && return 0
    tail -n 30 "$1" >&2
    fail "expected \"$2\" in $1"
}
