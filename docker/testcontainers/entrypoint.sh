#!/bin/bash
# CasDirectory.Testcontainers' container: slapd (prepared by casdir-entrypoint, docker/openldap's entrypoint) and, with
# CASDIR_SITE_TOPOLOGY_SERVICE=on, `casdir serve` as the updater account once the directory answers. The container
# ends when either ends, with its exit code.
set -uo pipefail

case "${CASDIR_SITE_TOPOLOGY_SERVICE:-off}" in on|off) ;; *) echo "casdir-testcontainer: CASDIR_SITE_TOPOLOGY_SERVICE must be on or off" >&2; exit 2 ;; esac

/usr/local/bin/casdir-entrypoint &
slapd=$!
service=
trap 'kill -TERM $slapd $service 2>/dev/null' TERM INT

if [ "${CASDIR_SITE_TOPOLOGY_SERVICE:-off}" = on ]; then
  accounts="${CASDIR_HOME:-/var/lib/casdir}/accounts"
  # The service starts once the directory answers its reader (so it is ours and loaded), or not at all if slapd ends.
  until [ -s "$accounts/reader.password" ] && LDAPNOINIT=1 ldapwhoami -x -H ldap://127.0.0.1/ -D "$(cat "$accounts/reader.dn")" -y "$accounts/reader.password" >/dev/null 2>&1; do
    kill -0 "$slapd" 2>/dev/null || { wait "$slapd"; exit $?; }
    sleep 0.05
  done
  setpriv --reuid=10001 --regid=10001 --init-groups env HOME=/home/casdir /usr/local/bin/casdir-container serve &
  service=$!
fi

wait -n
status=$?
kill -TERM $slapd $service 2>/dev/null
wait
exit "$status"
