#!/usr/bin/env bash
# Compose one-shot, run with the Keycloak image after Keycloak is healthy: gives the imported client
# westside-dashboard the secret from OIDC_CLIENT_SECRET (.env), the same value the dashboard gets.
# The committed realm export holds only the placeholder "**********". Idempotent: safe on every `up`.
set -euo pipefail

: "${OIDC_CLIENT_SECRET:?OIDC_CLIENT_SECRET is not set (see .env.example)}"
kcadm=/opt/keycloak/bin/kcadm.sh
config=/tmp/kcadm.config
realm=westside-basketball
client=westside-dashboard

"$kcadm" config credentials --config "$config" --server http://keycloak:8080 --realm master \
    --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD"
id=$("$kcadm" get clients --config "$config" -r "$realm" -q "clientId=$client" --fields id --format csv --noquotes)
if [ -z "$id" ]; then
    echo "client $client not found in realm $realm: was ops/keycloak/westside-basketball-realm.json imported?" >&2
    exit 1
fi
"$kcadm" update "clients/$id" --config "$config" -r "$realm" -s "secret=$OIDC_CLIENT_SECRET"
echo "keycloak: client $client in realm $realm now has the secret from OIDC_CLIENT_SECRET"
