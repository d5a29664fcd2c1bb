#!/bin/sh
# CasDirectory front end container entrypoint: haproxy/haproxy.cfg.template filled in as FrontEnd.Render fills it for
# `casdir frontend` (src/CasDirectory.Ldap/FrontEnd/FrontEnd.cs): the same server lines and explicit ids, so one provider
# takes every write (balance first and the shared stick table: no fail-back on its own). What differs in a container:
#   - servers are service names, resolved again by Docker's DNS (a restarted provider may come back on another address);
#   - haproxy stays in the foreground (-db) and drops to the haproxy user after binding 389/636;
#   - the listeners are on the container's interfaces (compose publishes them on the host's 127.0.0.1 only).
# Environment:
#   CASDIR_PROVIDERS  the providers, in the order writes prefer them: "ldap-a ldap-b" (LDAP 389, LDAPS 636)
#   CASDIR_CONSUMERS  the read-only consumers for the read endpoint (optional): "ldap-c"
#   CASDIR_FRONTEND_STATE  where the writer's name is kept across restarts (a volume; default /var/lib/casdir-frontend)
# The admin socket (show table writer_ldap, clear table writer_ldap to fail back): /run/haproxy/admin.sock, root's only:
#   docker compose -f docker-compose.ha.yml exec frontend sh -c 'echo "show table writer_ldap" | socat - /run/haproxy/admin.sock'
set -eu

TEMPLATE=${TEMPLATE:-/opt/casdir/haproxy/haproxy.cfg.template}
CONFIG=${CONFIG:-/run/haproxy/haproxy.cfg}
CASDIR_PROVIDERS=$(printf '%s' "${CASDIR_PROVIDERS:-}" | tr ',' ' ')
CASDIR_CONSUMERS=$(printf '%s' "${CASDIR_CONSUMERS:-}" | tr ',' ' ')

fail() { echo "casdir-frontend: $*" >&2; exit 1; }

count=0
for name in $CASDIR_PROVIDERS $CASDIR_CONSUMERS; do
  echo "$name" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9.-]{0,61}[A-Za-z0-9])?$' || fail "'$name' is not a host name (CASDIR_PROVIDERS, CASDIR_CONSUMERS)"
done
for name in $CASDIR_PROVIDERS; do count=$((count + 1)); done
[ "$count" -ge 1 ] || fail "CASDIR_PROVIDERS is empty: name the providers (e.g. \"ldap-a ldap-b\"), the one writes prefer first"
[ "$count" -le 2 ] || fail "CASDIR_PROVIDERS names $count providers; mirror mode has at most 2"
[ -f "$TEMPLATE" ] || fail "the haproxy template $TEMPLATE is missing"

# Docker's DNS, asked again every second: the same server line keeps following its service.
dns="resolvers docker init-addr last,libc,none resolve-prefer ipv4"
ldap="" ldaps="" readers="" id=0 nl='
'
backup=""
[ -z "$CASDIR_CONSUMERS" ] || backup=" backup"
for name in $CASDIR_PROVIDERS; do
  id=$((id + 1))
  # Explicit ids: the LDAPS backend reads the LDAP backend's stick table, which stores a server's id.
  ldap="$ldap    server $name $name:389 id $id check $dns$nl"
  ldaps="$ldaps    server $name $name:636 id $id track writer_ldap/$name $dns$nl"
  readers="$readers    server $name $name:389 check$backup $dns$nl"
done
for name in $CASDIR_CONSUMERS; do
  readers="$readers    server $name $name:389 check $dns$nl"
done

mkdir -p "$(dirname "$CONFIG")" /run/haproxy
# {{NAME}} -> value, as FrontEnd.Render does (the multi-line server lists through awk, which keeps them verbatim).
PID_FILE=/run/haproxy/haproxy.pid STATS_SOCKET=/run/haproxy/admin.sock BIND_ADDRESS="*" WRITE_PORT=389 WRITE_LDAPS_PORT=636 READ_PORT=3389 \
PROVIDER_LDAP_SERVERS="${ldap%"$nl"}" PROVIDER_LDAPS_SERVERS="${ldaps%"$nl"}" READER_SERVERS="${readers%"$nl"}" \
  awk '{ while (match($0, /\{\{[A-Z_]+\}\}/)) { name = substr($0, RSTART + 2, RLENGTH - 4)
           if (!(name in ENVIRON)) { print "unknown placeholder " name > "/dev/stderr"; exit 1 }
           $0 = substr($0, 1, RSTART - 1) ENVIRON[name] substr($0, RSTART + RLENGTH) } print }' "$TEMPLATE" > "$CONFIG.tmp" \
  || fail "could not render $TEMPLATE"
cat >> "$CONFIG.tmp" <<'CFG'

# ---- Added by the container's entrypoint ----
# Bound as root (389, 636), then run as the haproxy user.
global
    user haproxy
    group haproxy

# Docker's embedded DNS: a provider that is stopped and started again is found at its new address.
resolvers docker
    nameserver docker 127.0.0.11:53
    resolve_retries 2
    timeout resolve 500ms
    timeout retry 500ms
    hold valid 1s
    hold nx 1s
    hold other 1s
    hold refused 1s
    hold timeout 1s
    hold obsolete 1s
CFG
mv -f "$CONFIG.tmp" "$CONFIG"
haproxy -c -q -f "$CONFIG" || fail "haproxy refused the configuration $CONFIG"
echo "casdir-frontend: writes to $(echo $CASDIR_PROVIDERS | sed 's/ / then /') (no fail-back on its own); reads from ${CASDIR_CONSUMERS:-the providers}"

# The writer outlives a restart of this container, as `casdir frontend` keeps it in frontend.json: the stick table is
# haproxy's memory only, and a new one would send writes to the first provider again, which may not have caught up.
# Recorded (by name) in CASDIR_FRONTEND_STATE every second; put back into the new table as soon as haproxy answers.
state_dir=${CASDIR_FRONTEND_STATE:-/var/lib/casdir-frontend}
socket=/run/haproxy/admin.sock
mkdir -p "$state_dir"
# -db: in the foreground whatever the template's "daemon" says; this script stays PID 1 and passes signals on.
haproxy -db -f "$CONFIG" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
# writer_id: the stuck server's id, "none" for an empty table, nothing when the socket did not answer.
writer_id() {
  table=$(echo "show table writer_ldap" | socat -t 2 - "$socket" 2>/dev/null) || return 0
  case "$table" in *"# table: writer_ldap"*) ;; *) return 0 ;; esac
  id=$(printf '%s\n' "$table" | sed -n 's/.* server_id=\([0-9]*\).*/\1/p' | head -1)
  echo "${id:-none}"
}
recorded=$(cat "$state_dir/writer" 2>/dev/null || true)
if [ -n "$recorded" ]; then
  id=0 wanted=""
  for name in $CASDIR_PROVIDERS; do id=$((id + 1)); [ "$name" != "$recorded" ] || wanted=$id; done
  if [ -n "$wanted" ]; then
    tries=0
    until [ -S "$socket" ] && echo "set table writer_ldap key 1 data.server_id $wanted" | socat -t 2 - "$socket" >/dev/null 2>&1 || [ "$tries" -ge 50 ]; do
      sleep 0.1; tries=$((tries + 1))
    done
    echo "casdir-frontend: $recorded stays the writer (recorded before this restart; fail back with 'clear table writer_ldap')"
  fi
fi
while kill -0 "$pid" 2>/dev/null; do
  id=$(writer_id)
  if [ -n "$id" ] && [ "$id" != none ]; then
    name=$(echo $CASDIR_PROVIDERS | cut -d' ' -f"$id")
    [ "$name" = "$recorded" ] || { printf '%s' "$name" > "$state_dir/writer.tmp" && mv -f "$state_dir/writer.tmp" "$state_dir/writer"; recorded=$name; }
  elif [ "$id" = none ] && [ -n "$recorded" ]; then
    rm -f "$state_dir/writer"; recorded="" # failed back (clear table): the next connection chooses again
  fi
  sleep 1
done
status=0
wait "$pid" || status=$?
exit "$status"
