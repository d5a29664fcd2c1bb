#!/usr/bin/env bash
# A shell integration test against CasDirectory's containers, as another project would write one (README,
# "Containers"): start the directory and the service, wait until both are healthy, check something through the
# published LDAPS port as the reader account, and remove everything (containers and volumes) whatever happens.
# Run from a clone of CasDirectory, or set CASDIR_COMPOSE_FILE to its docker-compose.yml.
set -euo pipefail
file="${CASDIR_COMPOSE_FILE:-docker-compose.yml}"
compose() { if docker compose version >/dev/null 2>&1; then docker compose -f "$file" "$@"; else docker-compose -f "$file" "$@"; fi; }
work="$(mktemp -d)"
trap 'compose down -v --timeout 5 >/dev/null 2>&1; rm -rf "$work"' EXIT

compose up -d
for _ in $(seq 1 120); do
  ldap="$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q ldap)")"
  casdir="$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q casdir)")"
  [ "$ldap/$casdir" = healthy/healthy ] && break
  sleep 0.5
done
[ "$ldap/$casdir" = healthy/healthy ] || { echo "FAIL: not healthy (ldap $ldap, casdir $casdir)"; exit 1; }

# The CA and the reader's credentials, read from the ldap container as README shows.
compose exec -T ldap cat /var/lib/casdir/tls/ca.crt > "$work/ca.crt"
(umask 077; compose exec -T ldap cat /var/lib/casdir/accounts/reader.password > "$work/reader.password")
reader="$(compose exec -T ldap cat /var/lib/casdir/accounts/reader.dn)"

servers="$(LDAPTLS_CACERT="$work/ca.crt" ldapsearch -x -LLL -H "ldaps://127.0.0.1:${CASDIR_LDAPS_PORT:-6360}" \
  -D "$reader" -y "$work/reader.password" -b "CN=Configuration,DC=lab,DC=local" "(objectClass=msExchExchangeServer)" cn | grep -c '^cn:')"
[ "$servers" = 4 ] || { echo "FAIL: expected the lab's 4 Exchange servers, found $servers"; exit 1; }
echo "ok: 4 Exchange servers"
