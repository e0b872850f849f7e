#!/usr/bin/env bash
# Self-test of the local OpenID provider: start it on a free port, check discovery and JWKS, stop it.
# Usage: ops/oidc/selftest.sh   (runs `npm ci` first when node_modules is missing)
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "selftest: FAIL: $*" >&2; [[ -n "${log:-}" && -f "$log" ]] && sed 's/^/  server: /' "$log" >&2; exit 1; }

[[ -d node_modules/oidc-provider ]] || npm ci --no-audit --no-fund >/dev/null || fail "npm ci failed"

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
issuer="http://127.0.0.1:${port}/realms/westside-basketball"
log=$(mktemp)
tmp=$(mktemp -d)
OIDC_PORT=$port OIDC_ISSUER=$issuer node server.mjs >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp" "$log"; }
trap cleanup EXIT

for _ in $(seq 1 50); do
  grep -q 'listening on' "$log" && break
  kill -0 "$pid" 2>/dev/null || fail "server exited during start-up"
  sleep 0.1
done
grep -q 'listening on' "$log" || fail "server did not start within 5 s"

curl -fsS "${issuer}/.well-known/openid-configuration" -o "$tmp/discovery.json" || fail "discovery fetch failed"
jwks_uri=$(node -e '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const k of ["issuer","authorization_endpoint","token_endpoint","jwks_uri","end_session_endpoint"])
    if (typeof d[k] !== "string" || !d[k]) { console.error("missing " + k); process.exit(1); }
  if (d.issuer !== process.argv[2]) { console.error("issuer " + d.issuer + " != " + process.argv[2]); process.exit(1); }
  if (!(d.code_challenge_methods_supported || []).includes("S256")) { console.error("S256 not supported"); process.exit(1); }
  console.log(d.jwks_uri);
' "$tmp/discovery.json" "$issuer") || fail "discovery document check failed"

curl -fsS "$jwks_uri" -o "$tmp/jwks.json" || fail "JWKS fetch failed"
node -e '
  const { keys } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!keys?.some((k) => k.kty === "RSA" && k.alg === "RS256" && k.kid)) { console.error("no RS256 key"); process.exit(1); }
  if (keys.some((k) => "d" in k)) { console.error("private key material published"); process.exit(1); }
' "$tmp/jwks.json" || fail "JWKS is invalid"

echo "selftest: OK (issuer ${issuer})"
