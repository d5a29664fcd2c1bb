#!/bin/bash
# CasDirectory.Testcontainers' container: slapd (prepared by casdir-entrypoint, docker/openldap's entrypoint) and, with
# CASDIR_SITE_TOPOLOGY_SERVICE=on, `casdir serve` as the updater account once the directory answers. The container
# ends when either ends, with its exit code.
# CASDIR_AUTODISCOVER=on (WithAutodiscover) runs the service with its Autodiscover listener on https://+:8443/ (the
# container publishes it on the host's loopback only); its certificate is the one casdir-entrypoint issued from this
# container's CA into $CASDIR_CLIENTS_DIR (share_autodiscover_certificate), which casdir-container hands to casdir serve.
set -uo pipefail

case "${CASDIR_SITE_TOPOLOGY_SERVICE:-off}" in on|off) ;; *) echo "casdir-testcontainer: CASDIR_SITE_TOPOLOGY_SERVICE must be on or off" >&2; exit 2 ;; esac
case "${CASDIR_AUTODISCOVER:-off}" in on|off) ;; *) echo "casdir-testcontainer: CASDIR_AUTODISCOVER must be on or off" >&2; exit 2 ;; esac

service_env=(HOME=/home/casdir)
if [ "${CASDIR_AUTODISCOVER:-off}" = on ]; then
  # The service's process serves Autodiscover: on implies the service.
  CASDIR_SITE_TOPOLOGY_SERVICE=on
  service_env+=("CASDIR_Autodiscover__Url=${CASDIR_Autodiscover__Url:-https://+:8443/}")
fi

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
  setpriv --reuid=10001 --regid=10001 --init-groups env "${service_env[@]}" /usr/local/bin/casdir-container serve &
  service=$!
fi

wait -n
status=$?
kill -TERM $slapd $service 2>/dev/null
wait
exit "$status"
