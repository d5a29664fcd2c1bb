#!/bin/bash
# casdir container entrypoint. `serve` (the default) runs the site-topology service as the updater account; any
# other arguments are a casdir command run as the provisioning account (CASDIR_ACCOUNT=reader|updater|provisioning
# chooses another). Credentials are read from $CASDIR_CREDENTIALS (the ldap container's shared volume), never from
# the image or the environment. `--probe` is the healthcheck.
set -euo pipefail

credentials="${CASDIR_CREDENTIALS:-/run/casdir}"

if [ "${1:-}" = "--probe" ]; then
  # GET /healthz and /readyz on the status endpoint; healthy only if both answer 200.
  port="${CASDIR_STATUS_PORT:-3899}"
  for path in healthz readyz; do
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET /%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    IFS= read -r -t 2 status <&3 || exit 1
    exec 3<&-
    case "$status" in *" 200 "*) ;; *) echo "/$path: $status" >&2; exit 1 ;; esac
  done
  exit 0
fi

[ "$#" -gt 0 ] || set -- serve
account="${CASDIR_ACCOUNT:-}"
if [ -z "$account" ]; then
  if [ "$1" = serve ]; then account=updater; else account=provisioning; fi
fi
case "$account" in provisioning|updater|reader) ;; *) echo "casdir-container: CASDIR_ACCOUNT must be provisioning, updater or reader, not '$account'" >&2; exit 2 ;; esac

if [ -z "${CASDIR_BIND_DN:-}" ]; then
  for file in "$account.dn" "$account.password" ca.crt; do
    if [ ! -r "$credentials/$file" ]; then
      echo "casdir-container: $credentials/$file is missing or unreadable: mount the ldap service's client volume at $credentials (docker-compose.yml does)" >&2
      exit 1
    fi
  done
  export CASDIR_BIND_DN="$(cat "$credentials/$account.dn")"
  export CASDIR_BIND_PASSWORD_FILE="$credentials/$account.password"
  export CASDIR_CA_FILE="${CASDIR_CA_FILE:-$credentials/ca.crt}"
fi
# The Autodiscover listener's certificate, issued by the ldap container from the directory's CA, unless one is named.
if [ "$1" = serve ] && [ -z "${CASDIR_Autodiscover__CertificateFile:-}" ] && [ -r "$credentials/autodiscover.crt" ]; then
  export CASDIR_Autodiscover__CertificateFile="$credentials/autodiscover.crt" CASDIR_Autodiscover__CertificateKeyFile="$credentials/autodiscover.key"
fi
exec "${CASDIR_BIN:-/opt/casdir/casdir}" "$@"
