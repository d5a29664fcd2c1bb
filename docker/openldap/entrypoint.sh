#!/bin/sh
# CasDirectory container entrypoint: the same slapd template, schema and LDIF as `casdir up`,
# rendered with envsubst instead of C#. On first start it creates the directory in the volume
# (generated account passwords in $CASDIR_HOME/accounts/*.password, mode 0600); later starts
# reuse it. Runs natively too (a test does), so it is checked without a Docker engine.
set -eu

CASDIR_HOME=${CASDIR_HOME:-/var/lib/casdir}
CASDIR_ASSETS=${CASDIR_ASSETS:-/opt/casdir}
CASDIR_DOMAIN=${CASDIR_DOMAIN:-lab.local}
CASDIR_ORG=${CASDIR_ORG:-First Organization}
CASDIR_SAMPLE=${CASDIR_SAMPLE:-lab}
LDAP_URLS=${LDAP_URLS:-ldap:/// ldaps:///}
SLAPD_USER=${SLAPD_USER-openldap}
SLAPD_LOG_LEVEL=${SLAPD_LOG_LEVEL:-stats}
CASDIR_CLIENT_UID=${CASDIR_CLIENT_UID:-10001}
SYSTEM_SCHEMA_DIR=${SYSTEM_SCHEMA_DIR:-/etc/ldap/schema}
MODULE_DIR=${MODULE_DIR:-/usr/lib/ldap}

fail() { echo "casdir-entrypoint: $*" >&2; exit 1; }

echo "$CASDIR_DOMAIN" | grep -Eq '^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$' \
  || fail "CASDIR_DOMAIN '$CASDIR_DOMAIN' is not a DNS name such as lab.local"
echo "$CASDIR_ORG" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9 -]{0,62}[A-Za-z0-9])?$' \
  || fail "CASDIR_ORG '$CASDIR_ORG' may hold only letters, digits, spaces and hyphens (1-64)"
case "$CASDIR_SAMPLE" in lab|none) ;; *) fail "CASDIR_SAMPLE must be 'lab' or 'none'" ;; esac
case "$CASDIR_CLIENT_UID" in ''|*[!0-9]*) fail "CASDIR_CLIENT_UID must be a numeric user id, not '$CASDIR_CLIENT_UID'" ;; esac

# The template variables, derived exactly as ConfigurationPartition derives them in C#.
export DOMAIN="$CASDIR_DOMAIN" ORG="$CASDIR_ORG"
export BASE_DN="DC=$(echo "$DOMAIN" | sed 's/\./,DC=/g')"
export DC_LABEL="${DOMAIN%%.*}"
export CONFIG_DN="CN=Configuration,$BASE_DN"
export ORG_DN="CN=$ORG,CN=Microsoft Exchange,CN=Services,$CONFIG_DN"
export ARRAYS_DN="CN=Arrays,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,$ORG_DN"
export ARRAYS_NDN="$(printf '%s' "$ARRAYS_DN" | tr 'A-Z' 'a-z')"
export ARRAYS_DN_URL="$(printf '%s' "$ARRAYS_DN" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/?/%3F/g')"
export ADMIN_DN="CN=admin,$BASE_DN"
export PROVISIONING_DN="CN=casdir-provisioning,CN=Users,$BASE_DN"
export UPDATER_DN="CN=casdir-updater,CN=Users,$BASE_DN"
export READER_DN="CN=casdir-reader,CN=Users,$BASE_DN"
export REPLICATOR_DN="CN=casdir-replicator,CN=Users,$BASE_DN"
# Replication (docs/replication.md): the container is a standalone directory, serverID 1, syncprov on and no provider.
export SERVER_ID=1 REPLICATION_SOURCES="# (standalone: no provider)"
export SYSTEM_SCHEMA_DIR MODULE_DIR
export SCHEMA_DIR="$CASDIR_ASSETS/schema"
export RUN_DIR="$CASDIR_HOME/slapd"
export DATA_DIR="$CASDIR_HOME/data"
export ROOTDSE_FILE="$RUN_DIR/rootdse.ldif"
export GUARD_PLUGIN="${GUARD_PLUGIN:-$CASDIR_ASSETS/slapd/casdir-guard.so}"
[ -f "$GUARD_PLUGIN" ] || fail "$GUARD_PLUGIN (the casdir-guard slapd plugin) is missing"
export TLS_DIR="$CASDIR_HOME/tls"
export TLS_CA_FILE="${TLS_CA_FILE:-$TLS_DIR/ca.crt}" TLS_CERT_FILE="${TLS_CERT_FILE:-$TLS_DIR/server.crt}" TLS_KEY_FILE="${TLS_KEY_FILE:-$TLS_DIR/server.key}"
VARS='${TLS_CA_FILE} ${TLS_CERT_FILE} ${TLS_KEY_FILE} ${GUARD_PLUGIN} ${DOMAIN} ${ORG} ${BASE_DN} ${DC_LABEL} ${CONFIG_DN} ${ORG_DN} ${ARRAYS_DN} ${ARRAYS_DN_URL} ${ARRAYS_NDN} ${ADMIN_DN} ${PROVISIONING_DN} ${UPDATER_DN} ${READER_DN} ${REPLICATOR_DN} ${SERVER_ID} ${REPLICATION_SOURCES} ${SYSTEM_SCHEMA_DIR} ${MODULE_DIR} ${SCHEMA_DIR} ${RUN_DIR} ${DATA_DIR} ${ROOTDSE_FILE} ${ADMIN_PASSWORD_HASH} ${PROVISIONING_PASSWORD_HASH} ${UPDATER_PASSWORD_HASH} ${READER_PASSWORD_HASH} ${REPLICATOR_PASSWORD_HASH} ${DOMAIN_SID} ${PROVISIONING_SID} ${UPDATER_SID} ${READER_SID} ${REPLICATOR_SID}'

# render TEMPLATE: envsubst with the known variables only; a placeholder left over is an error.
render() {
  out=$(envsubst "$VARS" < "$1")
  if printf '%s\n' "$out" | grep -q '\${'; then fail "$1 uses a placeholder this entrypoint does not know"; fi
  printf '%s\n' "$out"
}

# hash_password NAME: makes accounts/NAME.password (0600) on first start, prints its {SSHA} hash.
hash_password() {
  file="$CASDIR_HOME/accounts/$1.password"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$file")
  fi
  slappasswd -h '{SSHA}' -T "$file"
}

conf="$RUN_DIR/slapd.conf"

# make_certificates: the container's own CA and server certificate (unless mounted ones are named by TLS_*_FILE).
# A certificate of our own is re-issued from the same CA when fewer than 30 days remain, as `casdir up` does;
# a mounted one (TLS_CERT_FILE outside tls/) is its owner's to renew.
make_certificates() {
  if [ -s "$TLS_CERT_FILE" ] && [ -s "$TLS_KEY_FILE" ]; then
    case "$TLS_CERT_FILE" in "$TLS_DIR"/*) ;; *) return 0 ;; esac
    openssl x509 -checkend 2592000 -noout -in "$TLS_CERT_FILE" >/dev/null 2>&1 && return 0
    echo "casdir-entrypoint: the server certificate expires within 30 days; issuing a new one from the same CA"
  fi
  (umask 077; mkdir -p "$TLS_DIR")
  if [ ! -s "$TLS_DIR/ca.key" ]; then
    (umask 077; openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_DIR/ca.key")
    openssl req -x509 -new -key "$TLS_DIR/ca.key" -days 3650 -subj "/O=CasDirectory/CN=CasDirectory container CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$TLS_DIR/ca.crt" 2>/dev/null
  fi
  (umask 077; openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_KEY_FILE")
  openssl req -new -key "$TLS_KEY_FILE" -subj "/O=CasDirectory/CN=localhost" -out "$TLS_DIR/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,DNS:ldap,DNS:%s,IP:127.0.0.1,IP:::1\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\n' "$(hostname)" > "$TLS_DIR/server.ext"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial -days 397 -extfile "$TLS_DIR/server.ext" -out "$TLS_CERT_FILE" 2>/dev/null
  rm -f "$TLS_DIR/server.csr" "$TLS_DIR/server.ext"
  [ -z "$SLAPD_USER" ] || chown -R "$SLAPD_USER" "$TLS_DIR"
}
make_certificates || fail "could not make the TLS certificates in $TLS_DIR"
if [ ! -f "$DATA_DIR/config/data.mdb" ]; then
  echo "casdir-entrypoint: creating the directory for $DOMAIN / $ORG in $CASDIR_HOME"
  umask 077
  mkdir -p "$CASDIR_HOME/accounts" "$RUN_DIR" "$DATA_DIR/accesslog" "$DATA_DIR/config" "$DATA_DIR/domain"
  export ADMIN_PASSWORD_HASH="$(hash_password admin)"
  export PROVISIONING_PASSWORD_HASH="$(hash_password provisioning)"
  export UPDATER_PASSWORD_HASH="$(hash_password updater)"
  export READER_PASSWORD_HASH="$(hash_password reader)"
  export REPLICATOR_PASSWORD_HASH="$(hash_password replicator)"
  # The domain's SID (S-1-5-21 and three random sub-authorities) and the accounts' (its RIDs 1101-1104), binary in
  # base64, as `casdir up` makes them (docs/security.md, "Security descriptors and SIDs").
  random_sid="$RUN_DIR/domain-sid.random"
  head -c 12 /dev/urandom > "$random_sid"
  # sid COUNT [RID]: 1, COUNT sub-authorities, authority 5, 21, the three random ones, then the RID (octal, little-endian)
  sid() { { printf "\\001\\00$1\\000\\000\\000\\000\\000\\005\\025\\000\\000\\000"; cat "$random_sid"; [ -z "${2:-}" ] || printf "$2"; } | base64 -w0; }
  export DOMAIN_SID="$(sid 4)"
  export PROVISIONING_SID="$(sid 5 '\115\004\000\000')"
  export UPDATER_SID="$(sid 5 '\116\004\000\000')"
  export READER_SID="$(sid 5 '\117\004\000\000')"
  export REPLICATOR_SID="$(sid 5 '\120\004\000\000')"
  rm -f "$random_sid"
  for name in admin provisioning updater reader replicator; do
    eval "printf '%s' \"\$$(echo "$name" | tr a-z A-Z)_DN\"" > "$CASDIR_HOME/accounts/$name.dn"
  done
  render "$CASDIR_ASSETS/slapd/replication-server.conf.template" > "$RUN_DIR/replication-server.conf"
  render "$CASDIR_ASSETS/slapd/replication-database.conf.template" > "$RUN_DIR/replication-config.conf"
  render "$CASDIR_ASSETS/slapd/replication-database.conf.template" > "$RUN_DIR/replication-domain.conf"
  render "$CASDIR_ASSETS/slapd/slapd.conf.template" > "$conf"
  # CASDIR_TRUST_DOCKER_HOST=on (CasDirectory.Testcontainers sets it, and publishes its ports on the host's loopback
  # only): the Docker host may bind with a password in clear, as loopback may. A connection through a published port
  # reaches slapd from the bridge's gateway, the container's default route.
  if [ "${CASDIR_TRUST_DOCKER_HOST:-off}" = on ]; then
    gateway_hex=$(awk 'NR > 1 && $2 == "00000000" { print $3; exit }' /proc/net/route)
    [ -n "$gateway_hex" ] || fail "CASDIR_TRUST_DOCKER_HOST=on, but the container has no default route (no network?)"
    gateway=$(printf '%d.%d.%d.%d' $(echo "$gateway_hex" | sed 's/\(..\)\(..\)\(..\)\(..\)/0x\4 0x\3 0x\2 0x\1/'))
    sed -i "s|^        by anonymous peername.ipv6=::1 auth\$|&\n        by anonymous peername.ip=$gateway auth|" "$conf"
    grep -q "peername.ip=$gateway auth" "$conf" || fail "could not let the Docker host ($gateway) bind in $conf"
    echo "casdir-entrypoint: the Docker host ($gateway) may bind with a password in clear"
  fi
  render "$CASDIR_ASSETS/slapd/rootdse.ldif.template" > "$ROOTDSE_FILE"
  slaptest -u -Q -f "$conf" || fail "slaptest rejected $conf"
  {
    render "$CASDIR_ASSETS/ldif/base.ldif.template"
    render "$CASDIR_ASSETS/ldif/schema-partition.ldif.template"
    render "$CASDIR_ASSETS/ldif/accounts.ldif.template"
    [ "$CASDIR_SAMPLE" = none ] || render "$CASDIR_ASSETS/ldif/sample-$CASDIR_SAMPLE.ldif.template"
  } | slapadd -b "$BASE_DN" -f "$conf" -S 1 || fail "slapadd could not load the base tree"
fi

# share_client_credentials: what the casdir container needs, in the volume it mounts read-only (CASDIR_CLIENTS_DIR):
# the CA certificate and the provisioning, updater and reader accounts' DN and password, owned by the casdir image's
# user (CASDIR_CLIENT_UID) and readable by it alone. The admin password never leaves this container's own volume.
share_client_credentials() {
  dir="$CASDIR_CLIENTS_DIR"
  (umask 077; mkdir -p "$dir")
  cp "$TLS_CA_FILE" "$dir/ca.crt.tmp" && chmod 0444 "$dir/ca.crt.tmp" && mv -f "$dir/ca.crt.tmp" "$dir/ca.crt"
  for name in provisioning updater reader; do
    cp "$CASDIR_HOME/accounts/$name.dn" "$dir/$name.dn.tmp" && chmod 0444 "$dir/$name.dn.tmp" && mv -f "$dir/$name.dn.tmp" "$dir/$name.dn"
    (umask 077; cp "$CASDIR_HOME/accounts/$name.password" "$dir/$name.password.tmp")
    chmod 0400 "$dir/$name.password.tmp"
    [ "$(id -u)" != 0 ] || chown "$CASDIR_CLIENT_UID" "$dir/$name.password.tmp"
    mv -f "$dir/$name.password.tmp" "$dir/$name.password"
  done
  share_autodiscover_certificate "$dir"
  chmod 0755 "$dir"
}

# share_autodiscover_certificate DIR: a certificate of this container's CA for the casdir container's Autodiscover
# listener (README, "What Outlook sees"), for the names clients use: autodiscover.<domain>, the sample lab's Client
# Access servers, the casdir service's own name and loopback (CASDIR_AUTODISCOVER_NAMES adds more, comma-separated).
# Re-issued when missing or within 30 days of expiry; its key readable by the casdir image's user alone.
share_autodiscover_certificate() {
  dir="$1"
  if [ -s "$dir/autodiscover.crt" ] && [ -s "$dir/autodiscover.key" ] && openssl x509 -checkend 2592000 -noout -in "$dir/autodiscover.crt" >/dev/null 2>&1; then
    return 0
  fi
  if [ ! -s "$TLS_DIR/ca.key" ]; then
    echo "casdir-entrypoint: no CA key of this container (TLS_*_FILE names mounted certificates): give the casdir service its Autodiscover certificate (Autodiscover:CertificateFile)"
    return 0
  fi
  names="DNS:autodiscover.$DOMAIN,DNS:casdir,DNS:localhost,IP:127.0.0.1,IP:::1"
  [ "$CASDIR_SAMPLE" != lab ] || names="$names,DNS:E2K10-MLT-01.$DOMAIN,DNS:E2K10-MLT-02.$DOMAIN,DNS:E2K7-MLT-02.$DOMAIN"
  for extra in $(printf '%s' "${CASDIR_AUTODISCOVER_NAMES:-}" | tr ',' ' '); do names="$names,DNS:$extra"; done
  work="$(mktemp -d)"
  (umask 077; openssl ecparam -name prime256v1 -genkey -noout -out "$work/autodiscover.key")
  openssl req -new -key "$work/autodiscover.key" -subj "/O=CasDirectory/CN=autodiscover.$DOMAIN" -out "$work/autodiscover.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\n' "$names" > "$work/autodiscover.ext"
  openssl x509 -req -in "$work/autodiscover.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial -days 397 -extfile "$work/autodiscover.ext" -out "$work/autodiscover.crt" 2>/dev/null
  chmod 0444 "$work/autodiscover.crt"
  chmod 0400 "$work/autodiscover.key"
  [ "$(id -u)" != 0 ] || chown "$CASDIR_CLIENT_UID" "$work/autodiscover.key"
  mv -f "$work/autodiscover.crt" "$dir/autodiscover.crt"
  mv -f "$work/autodiscover.key" "$dir/autodiscover.key"
  rm -rf "$work"
}
if [ -n "${CASDIR_CLIENTS_DIR:-}" ]; then
  share_client_credentials || fail "could not share the client credentials in $CASDIR_CLIENTS_DIR"
fi

if [ -n "$SLAPD_USER" ] && [ "$(id -u)" = 0 ]; then
  chown -R "$SLAPD_USER:$SLAPD_USER" "$DATA_DIR" "$RUN_DIR"
  set -- -u "$SLAPD_USER" -g "$SLAPD_USER"
else
  set --
fi
# slapd's descriptors (its connection table), as `casdir up` gives them (docs/security.md, "A connection flood"):
# SLAPD_OPEN_FILES, raising the hard limit where the container may (docker run --ulimit nofile=N:N gives it), else the
# hard limit. Never Docker's 1,048,576 as is: slapd would spend about 670 MB on the table.
n=${SLAPD_OPEN_FILES:-147456}
case "$n" in ''|*[!0-9]*) fail "SLAPD_OPEN_FILES must be a number of descriptors, not '$n'" ;; esac
h=$(ulimit -Hn)
if [ "$h" != unlimited ] && [ "$h" -lt "$n" ]; then ulimit -Hn "$n" 2>/dev/null || n=$h; fi
ulimit -Sn "$n" || fail "could not set slapd's descriptor limit to $n"
exec slapd -d "$SLAPD_LOG_LEVEL" -f "$conf" -h "$LDAP_URLS" "$@"
