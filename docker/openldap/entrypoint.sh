#!/bin/sh
# CasDirectory container entrypoint: the same slapd template, schema and LDIF as `casdir up`,
# rendered with envsubst instead of C#. On first start it creates the directory in the volume
# (generated account passwords in $CASDIR_HOME/accounts/*.password, mode 0600); later starts
# reuse it. Runs natively too (a test does), so it is checked without a Docker engine.
#
# Replication (docs/replication.md; docker-compose.ha.yml runs it), the same include files `casdir up --mirror-of` /
# `--consumer-of` render (src/CasDirectory.Ldap/Local/ReplicationFiles.cs), from the environment:
#   CASDIR_SERVER_ID       this server's serverID, 1-99 (default 1; 1xx and 2xx are its syncrepl rids)
#   CASDIR_ROLE            standalone (default), provider (mirror mode: takes writes) or consumer (read-only, refers writes)
#   CASDIR_REPLICATE_FROM  the providers it reads from, "ID=ldaps://HOST[:PORT]" separated by spaces or commas
#                          (a provider names its one mirror, a consumer every provider; LDAPS only, checked against the CA)
#   CASDIR_INIT            create (default): a new directory here (slapadd); join: empty databases seeded by replication
#                          from CASDIR_REPLICATE_FROM, with the creator's accounts and CA from CASDIR_REPLICA_SECRETS
#   CASDIR_REPLICA_SECRETS a folder the creator writes (0700, files 0600, the slapd user's) and joiners mount read-only:
#                          the accounts' DNs and passwords (the same on every server) and the CA's certificate and key
#                          (each server issues its own certificate from it). A joiner waits for it (CASDIR_JOIN_TIMEOUT s).
#   CASDIR_TLS_NAMES       more DNS names for this server's certificate, comma-separated (its service name, the front end's)
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
# Replication (docs/replication.md). Refused before anything is made: a bad value is one line and exit 1.
CASDIR_SERVER_ID=${CASDIR_SERVER_ID:-1}
CASDIR_ROLE=${CASDIR_ROLE:-standalone}
CASDIR_REPLICATE_FROM=$(printf '%s' "${CASDIR_REPLICATE_FROM:-}" | tr ',' ' ')
CASDIR_INIT=${CASDIR_INIT:-create}
CASDIR_REPLICA_SECRETS=${CASDIR_REPLICA_SECRETS:-}
CASDIR_JOIN_TIMEOUT=${CASDIR_JOIN_TIMEOUT:-300}
CASDIR_TLS_NAMES=${CASDIR_TLS_NAMES:-}
case "$CASDIR_SERVER_ID" in ''|*[!0-9]*|0*) fail "CASDIR_SERVER_ID must be a number from 1 to 99, not '$CASDIR_SERVER_ID'" ;; esac
[ "$CASDIR_SERVER_ID" -le 99 ] || fail "CASDIR_SERVER_ID must be a number from 1 to 99 (its syncrepl rids are 100+ID and 200+ID), not '$CASDIR_SERVER_ID'"
case "$CASDIR_ROLE" in standalone|provider|consumer) ;; *) fail "CASDIR_ROLE must be standalone, provider or consumer, not '$CASDIR_ROLE'" ;; esac
case "$CASDIR_INIT" in create|join) ;; *) fail "CASDIR_INIT must be create or join, not '$CASDIR_INIT'" ;; esac
case "$CASDIR_JOIN_TIMEOUT" in ''|*[!0-9]*) fail "CASDIR_JOIN_TIMEOUT must be a number of seconds, not '$CASDIR_JOIN_TIMEOUT'" ;; esac
for name in $(printf '%s' "$CASDIR_TLS_NAMES" | tr ',' ' '); do
  echo "$name" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$' || fail "CASDIR_TLS_NAMES: '$name' is not a DNS name"
done
peers=""
providers=0
for source in $CASDIR_REPLICATE_FROM; do
  echo "$source" | grep -Eq '^[1-9][0-9]?=ldaps://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?/?$' \
    || fail "CASDIR_REPLICATE_FROM: '$source' is not ID=ldaps://HOST[:PORT] (a provider's serverID 1-99 and its LDAPS URL; replication runs over LDAPS only)"
  id=${source%%=*}
  [ "$id" != "$CASDIR_SERVER_ID" ] || fail "CASDIR_REPLICATE_FROM: '$source' has this server's own serverID $CASDIR_SERVER_ID; a server cannot replicate from itself"
  case " $peers " in *" $id="*) fail "CASDIR_REPLICATE_FROM names serverID $id twice" ;; esac
  peers="$peers $source"
  providers=$((providers + 1))
done
peers=$(printf '%s\n' $peers | sort -t= -k1,1n | tr '\n' ' ')
case "$CASDIR_ROLE" in
  standalone) [ "$providers" -eq 0 ] || fail "CASDIR_REPLICATE_FROM is given but CASDIR_ROLE is standalone: set CASDIR_ROLE=provider (a mirror) or consumer" ;;
  provider) [ "$providers" -le 1 ] || fail "CASDIR_REPLICATE_FROM names $providers providers; a provider replicates from its one mirror (mirror mode has at most 2 providers)" ;;
  consumer) [ "$providers" -ge 1 ] || fail "CASDIR_ROLE=consumer needs CASDIR_REPLICATE_FROM (the providers it reads from)" ;;
esac
if [ "$CASDIR_INIT" = join ]; then
  [ "$providers" -ge 1 ] || fail "CASDIR_INIT=join needs CASDIR_REPLICATE_FROM: a joining server is seeded by replication"
  [ -n "$CASDIR_REPLICA_SECRETS" ] || fail "CASDIR_INIT=join needs CASDIR_REPLICA_SECRETS (the creator's accounts and CA, mounted read-only)"
elif [ "$CASDIR_ROLE" = consumer ]; then
  fail "CASDIR_ROLE=consumer needs CASDIR_INIT=join: a consumer is seeded by replication from its providers"
fi
export SERVER_ID="$CASDIR_SERVER_ID"
export SYSTEM_SCHEMA_DIR MODULE_DIR
export SCHEMA_DIR="$CASDIR_ASSETS/schema"
export RUN_DIR="$CASDIR_HOME/slapd"
export DATA_DIR="$CASDIR_HOME/data"
export ROOTDSE_FILE="$RUN_DIR/rootdse.ldif"
export GUARD_PLUGIN="${GUARD_PLUGIN:-$CASDIR_ASSETS/slapd/casdir-guard.so}"
[ -f "$GUARD_PLUGIN" ] || fail "$GUARD_PLUGIN (the casdir-guard slapd plugin) is missing"
export TLS_DIR="$CASDIR_HOME/tls"
export TLS_CA_FILE="${TLS_CA_FILE:-$TLS_DIR/ca.crt}" TLS_CERT_FILE="${TLS_CERT_FILE:-$TLS_DIR/server.crt}" TLS_KEY_FILE="${TLS_KEY_FILE:-$TLS_DIR/server.key}"
VARS='${TLS_CA_FILE} ${TLS_CERT_FILE} ${TLS_KEY_FILE} ${GUARD_PLUGIN} ${DOMAIN} ${ORG} ${BASE_DN} ${DC_LABEL} ${CONFIG_DN} ${ORG_DN} ${ARRAYS_DN} ${ARRAYS_DN_URL} ${ARRAYS_NDN} ${ADMIN_DN} ${PROVISIONING_DN} ${UPDATER_DN} ${READER_DN} ${REPLICATOR_DN} ${SERVER_ID} ${REPLICATION_SOURCES} ${RID} ${PROVIDER_URL} ${REPLICATOR_PASSWORD} ${SEARCH_BASE} ${PEER_CA_FILE} ${COMPUTED_ATTRIBUTES} ${SYSTEM_SCHEMA_DIR} ${MODULE_DIR} ${SCHEMA_DIR} ${RUN_DIR} ${DATA_DIR} ${ROOTDSE_FILE} ${ADMIN_PASSWORD_HASH} ${PROVISIONING_PASSWORD_HASH} ${UPDATER_PASSWORD_HASH} ${READER_PASSWORD_HASH} ${REPLICATOR_PASSWORD_HASH} ${DOMAIN_SID} ${PROVISIONING_SID} ${UPDATER_SID} ${READER_SID} ${REPLICATOR_SID}'

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
    missing=""
    for name in $(printf '%s' "$CASDIR_TLS_NAMES" | tr ',' ' '); do
      openssl x509 -noout -checkhost "$name" -in "$TLS_CERT_FILE" 2>/dev/null | grep -q 'does match' || missing="$missing $name"
    done
    if [ -n "$missing" ]; then
      echo "casdir-entrypoint: the server certificate does not name$missing (CASDIR_TLS_NAMES); issuing a new one from the same CA"
    else
      openssl x509 -checkend 2592000 -noout -in "$TLS_CERT_FILE" >/dev/null 2>&1 && return 0
      echo "casdir-entrypoint: the server certificate expires within 30 days; issuing a new one from the same CA"
    fi
  fi
  (umask 077; mkdir -p "$TLS_DIR")
  if [ ! -s "$TLS_DIR/ca.key" ]; then
    (umask 077; openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_DIR/ca.key")
    openssl req -x509 -new -key "$TLS_DIR/ca.key" -days 3650 -subj "/O=CasDirectory/CN=CasDirectory container CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$TLS_DIR/ca.crt" 2>/dev/null
  fi
  (umask 077; openssl ecparam -name prime256v1 -genkey -noout -out "$TLS_KEY_FILE")
  openssl req -new -key "$TLS_KEY_FILE" -subj "/O=CasDirectory/CN=localhost" -out "$TLS_DIR/server.csr" 2>/dev/null
  names="DNS:localhost,DNS:ldap,DNS:$(hostname)"
  for name in $(printf '%s' "$CASDIR_TLS_NAMES" | tr ',' ' '); do names="$names,DNS:$name"; done
  printf 'subjectAltName=%s,IP:127.0.0.1,IP:::1\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\n' "$names" > "$TLS_DIR/server.ext"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial -days 397 -extfile "$TLS_DIR/server.ext" -out "$TLS_CERT_FILE" 2>/dev/null
  rm -f "$TLS_DIR/server.csr" "$TLS_DIR/server.ext"
  [ -z "$SLAPD_USER" ] || chown -R "$SLAPD_USER" "$TLS_DIR"
}
# write_replication_files: replication-server.conf and one replication-<database>.conf per replicated database, as
# ReplicationFiles.cs renders them: syncrepl (rid 1xx for the configuration, 2xx for the domain, xx the provider's
# serverID) per provider in serverID order, then multiprovider (a provider) or updateref per provider (a consumer,
# referring writes to the provider's LDAP port). Rendered at every start from the environment, in a subshell: the
# replicator's password goes into these 0600 files only, never into slapd's environment.
write_replication_files() (
  umask 077
  mkdir -p "$RUN_DIR"
  render "$CASDIR_ASSETS/slapd/replication-server.conf.template" > "$RUN_DIR/replication-server.conf"
  if [ "$providers" -gt 0 ]; then
    [ -s "$CASDIR_HOME/accounts/replicator.password" ] || fail "$CASDIR_HOME/accounts/replicator.password is missing: this directory has no replicator account and cannot replicate (recreate its volume)"
    export REPLICATOR_PASSWORD="$(cat "$CASDIR_HOME/accounts/replicator.password")" PEER_CA_FILE="$TLS_CA_FILE"
    # What a replica must not store (syncrepl exattrs): the attributes casdir-guard computes on every read, the same
    # list as ReplicationFiles.ComputedAttributes (slapd/guard/casdir_ad.c's casdir_ad_computed).
    export COMPUTED_ATTRIBUTES="objectGUID,objectCategory,whenCreated,whenChanged,distinguishedName,name,showInAdvancedViewOnly,instanceType,uSNChanged,uSNCreated,systemFlags,canonicalName,allowedChildClasses,allowedChildClassesEffective,msDS-Approx-Immed-Subordinates,allowedAttributes,allowedAttributesEffective,siteObjectBL,msExchServerSiteBL,msExchMDBAvailabilityGroupBL,msExchHostServerBL,nTSecurityDescriptor"
  fi
  for database in config domain; do
    if [ "$database" = config ]; then base=100 SEARCH_BASE="$CONFIG_DN"; else base=200 SEARCH_BASE="$BASE_DN"; fi
    export SEARCH_BASE
    if [ "$providers" -eq 0 ]; then
      REPLICATION_SOURCES="# (standalone: no provider)"
    else
      REPLICATION_SOURCES=$(
        for source in $peers; do
          RID=$(printf '%03d' $((base + ${source%%=*}))) PROVIDER_URL=${source#*=}
          export RID PROVIDER_URL
          render "$CASDIR_ASSETS/slapd/replication-syncrepl.conf.template"
        done
        if [ "$CASDIR_ROLE" = provider ]; then
          cat "$CASDIR_ASSETS/slapd/replication-provider.conf.template"
        else
          for source in $peers; do
            host=${source#*=ldaps://}; host=${host%%/*}; host=${host%%:*}
            PROVIDER_URL="ldap://$host"
            export PROVIDER_URL
            render "$CASDIR_ASSETS/slapd/replication-consumer.conf.template"
          done
        fi)
    fi
    export REPLICATION_SOURCES
    render "$CASDIR_ASSETS/slapd/replication-database.conf.template" > "$RUN_DIR/replication-$database.conf"
  done
)

# join_directory: a server seeded by replication takes the creator's accounts (same passwords) and CA from
# CASDIR_REPLICA_SECRETS, waiting for the creator to have written them; its own certificate comes next.
join_directory() {
  secrets="$CASDIR_REPLICA_SECRETS"
  waited=0
  until [ -f "$secrets/ready" ]; do
    [ "$waited" -lt "$CASDIR_JOIN_TIMEOUT" ] || fail "$secrets/ready did not appear within $CASDIR_JOIN_TIMEOUT s: start the directory's creator (CASDIR_INIT=create) with CASDIR_REPLICA_SECRETS on the same volume"
    [ "$waited" -gt 0 ] || echo "casdir-entrypoint: waiting for the creator's accounts and CA in $secrets"
    sleep 1; waited=$((waited + 1))
  done
  [ "$(cat "$secrets/accounts/admin.dn")" = "$ADMIN_DN" ] \
    || fail "the directory in $secrets is $(cat "$secrets/accounts/admin.dn"), not $ADMIN_DN: give this server the creator's CASDIR_DOMAIN and CASDIR_ORG"
  (umask 077; mkdir -p "$CASDIR_HOME/accounts" "$TLS_DIR"
   for name in admin provisioning updater reader replicator; do
     cp "$secrets/accounts/$name.password" "$secrets/accounts/$name.dn" "$CASDIR_HOME/accounts/"
   done
   cp "$secrets/ca.key" "$TLS_DIR/ca.key"
   cp "$secrets/ca.crt" "$TLS_DIR/ca.crt")
  echo "casdir-entrypoint: joined the directory $BASE_DN as serverID $SERVER_ID ($CASDIR_ROLE)"
}

# trust_docker_host: CASDIR_TRUST_DOCKER_HOST=on (CasDirectory.Testcontainers sets it, and publishes its ports on the
# host's loopback only): the Docker host may bind with a password in clear, as loopback may. A connection through a
# published port reaches slapd from the gateway of the container's network, its default route. (Also on a joining server.)
trust_docker_host() {
  if [ "${CASDIR_TRUST_DOCKER_HOST:-off}" = on ]; then
    gateway_hex=$(awk 'NR > 1 && $2 == "00000000" { print $3; exit }' /proc/net/route)
    [ -n "$gateway_hex" ] || fail "CASDIR_TRUST_DOCKER_HOST=on, but the container has no default route (no network?)"
    gateway=$(printf '%d.%d.%d.%d' $(echo "$gateway_hex" | sed 's/\(..\)\(..\)\(..\)\(..\)/0x\4 0x\3 0x\2 0x\1/'))
    sed -i "s|^        by anonymous peername.ipv6=::1 auth\$|&\n        by anonymous peername.ip=$gateway auth|" "$conf"
    grep -q "peername.ip=$gateway auth" "$conf" || fail "could not let the Docker host ($gateway) bind in $conf"
    echo "casdir-entrypoint: the Docker host ($gateway) may bind with a password in clear"
  fi
}

joining=no
if [ ! -f "$DATA_DIR/config/data.mdb" ] && [ "$CASDIR_INIT" = join ]; then
  joining=yes
  join_directory
fi
make_certificates || fail "could not make the TLS certificates in $TLS_DIR"
if [ "$joining" = yes ]; then
  umask 077
  mkdir -p "$RUN_DIR" "$DATA_DIR/accesslog" "$DATA_DIR/config" "$DATA_DIR/domain"
  # slapd.conf needs only the rootdn's hash: the entries, SIDs and other accounts arrive by replication.
  export ADMIN_PASSWORD_HASH="$(hash_password admin)"
  write_replication_files
  render "$CASDIR_ASSETS/slapd/slapd.conf.template" > "$conf"
  trust_docker_host
  render "$CASDIR_ASSETS/slapd/rootdse.ldif.template" > "$ROOTDSE_FILE"
  slaptest -u -Q -f "$conf" || fail "slaptest rejected $conf"
elif [ ! -f "$DATA_DIR/config/data.mdb" ]; then
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
  write_replication_files
  render "$CASDIR_ASSETS/slapd/slapd.conf.template" > "$conf"
  trust_docker_host
  render "$CASDIR_ASSETS/slapd/rootdse.ldif.template" > "$ROOTDSE_FILE"
  slaptest -u -Q -f "$conf" || fail "slaptest rejected $conf"
  {
    render "$CASDIR_ASSETS/ldif/base.ldif.template"
    render "$CASDIR_ASSETS/ldif/schema-partition.ldif.template"
    render "$CASDIR_ASSETS/ldif/accounts.ldif.template"
    [ "$CASDIR_SAMPLE" = none ] || render "$CASDIR_ASSETS/ldif/sample-$CASDIR_SAMPLE.ldif.template"
  } | slapadd -b "$BASE_DN" -f "$conf" -S "$SERVER_ID" || fail "slapadd could not load the base tree"
else
  # An existing directory: its replication files follow the environment (a mirror added or removed).
  write_replication_files
fi

# share_replica_secrets: the creator's accounts and CA for the servers that join it (CASDIR_REPLICA_SECRETS): a 0700
# folder of 0600 files, the slapd user's, written file by file (then 'ready'), at every start.
share_replica_secrets() {
  dir="$CASDIR_REPLICA_SECRETS"
  (umask 077; mkdir -p "$dir/accounts"
   for name in admin provisioning updater reader replicator; do
     for kind in password dn; do
       cp "$CASDIR_HOME/accounts/$name.$kind" "$dir/accounts/$name.$kind.tmp" && mv -f "$dir/accounts/$name.$kind.tmp" "$dir/accounts/$name.$kind"
     done
   done
   for file in ca.crt ca.key; do cp "$TLS_DIR/$file" "$dir/$file.tmp" && mv -f "$dir/$file.tmp" "$dir/$file"; done
   : > "$dir/ready.tmp"
   chmod -R go= "$dir"
   [ -z "$SLAPD_USER" ] || [ "$(id -u)" != 0 ] || chown -R "$SLAPD_USER:$SLAPD_USER" "$dir"
   mv -f "$dir/ready.tmp" "$dir/ready")
}
if [ "$CASDIR_INIT" = create ] && [ -n "$CASDIR_REPLICA_SECRETS" ]; then
  [ -s "$TLS_DIR/ca.key" ] || fail "CASDIR_REPLICA_SECRETS needs this container's own CA (TLS_*_FILE names mounted certificates)"
  share_replica_secrets || fail "could not share the accounts and CA in $CASDIR_REPLICA_SECRETS"
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

# seed_by_replication: a joining server's first start, as `casdir up --mirror-of` makes one. slapd listens on a loopback
# port only (no provider may read from a half-filled server, the front end's check does not reach it), until the
# contextCSN of both replicated databases covers every provider's; then it is stopped and started for real (casdir-guard
# reads the schema partition's classes at the first search, which found an empty database). Nothing is kept on failure.
seed_by_replication() {
  seed_url="ldap://127.0.0.1:${CASDIR_SEED_PORT:-1389}/"
  slapd -d 0 -f "$conf" -h "$seed_url" "$@" >/dev/null 2>&1 &
  seed_pid=$!
  replicator_dn=$(cat "$CASDIR_HOME/accounts/replicator.dn")
  # (No LDAPNOINIT: it would make libldap ignore LDAPTLS_CACERT.)
  csns() { LDAPTLS_CACERT="$TLS_CA_FILE" LDAPTLS_REQCERT=demand ldapsearch -x -LLL -o ldif-wrap=no -H "$1" -D "$2" -y "$3" \
             -s base -b "$4" contextCSN 2>/dev/null | sed -n 's/^contextCSN: //p' | sort | tr '\n' ' '; }
  # covers MINE THEIRS: for each serverID in THEIRS, MINE holds a CSN of that serverID at least as new. Not equality:
  # a replica can be ahead of one provider (the configuration database takes the domain's newer CSN when both refresh
  # at once), and two providers need not hold the same set (docs/replication.md, "A replica ahead of its provider").
  covers() {
    for theirs_csn in $2; do
      sid=$(printf '%s' "$theirs_csn" | cut -d'#' -f3)
      mine_csn=$(printf '%s\n' $1 | awk -F'#' -v sid="$sid" '$3 == sid' | sort | tail -n 1)
      [ -n "$mine_csn" ] || return 1
      [ "$(printf '%s\n%s\n' "$theirs_csn" "$mine_csn" | sort | tail -n 1)" = "$mine_csn" ] || return 1
    done
  }
  waited=0
  while :; do
    behind=""
    for suffix in "$CONFIG_DN" "$BASE_DN"; do
      mine=$(csns "$seed_url" "$ADMIN_DN" "$CASDIR_HOME/accounts/admin.password" "$suffix")
      for source in $peers; do
        theirs=$(csns "${source#*=}" "$replicator_dn" "$CASDIR_HOME/accounts/replicator.password" "$suffix")
        [ -n "$theirs" ] && covers "$mine" "$theirs" || behind="$behind; $suffix: '$mine' here, '$theirs' at ${source#*=}"
      done
    done
    [ -n "$behind" ] || break
    kill -0 "$seed_pid" 2>/dev/null || { seed_failed "slapd stopped while being seeded"; }
    if [ "$waited" -ge "$((CASDIR_JOIN_TIMEOUT * 2))" ]; then
      kill -TERM "$seed_pid" 2>/dev/null || true; wait "$seed_pid" || true
      seed_failed "did not catch up with its providers within $CASDIR_JOIN_TIMEOUT s (${behind#; })"
    fi
    sleep 0.5; waited=$((waited + 1))
  done
  kill -TERM "$seed_pid"
  wait "$seed_pid" || true
  echo "casdir-entrypoint: seeded by replication from$(printf ' %s' $peers) in about $((waited / 2)) s"
}
# seed_failed REASON: the half-filled databases are removed (the next start joins again), then the one-line error.
seed_failed() {
  rm -f "$DATA_DIR"/config/*.mdb "$DATA_DIR"/domain/*.mdb "$DATA_DIR"/accesslog/*.mdb
  fail "$1"
}
if [ "$joining" = yes ]; then
  seed_by_replication "$@"
fi
exec slapd -d "$SLAPD_LOG_LEVEL" -f "$conf" -h "$LDAP_URLS" "$@"
