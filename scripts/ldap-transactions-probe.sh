#!/usr/bin/env bash
# Probes whether this machine's slapd can run LDAP transactions (RFC 5805, `ldapmodify -E txn=commit`) safely
# beside the overlays CasDirectory needs. casdir-guard refuses transactions to every application account (docs/rules.md
# T-rules, "no LDAP transactions") because slapd 2.5.13, Debian 12's, fails two of these probes:
#
#   1. access log: a transaction whose last update fails leaves the directory unchanged, but slapo-accesslog has
#      already recorded its earlier updates as done (reqResult 0): the feed and the audit trail report writes that
#      never happened. (accesslog writes its record in each update's response, before the End Transaction commits.)
#   2. deadlock: a transaction committing while another connection writes. The End Transaction holds the database's
#      write transaction and waits for accesslog's write lock; the other write holds that lock and waits for the
#      database's write transaction. Every later write hangs until slapd is killed; reads still answer.
#
# It runs as the rootdn, which casdir-guard does not restrict, so it tests slapd itself. It starts a lab of its own
# in a temporary folder, on free ports, and stops it (by pid) at the end. Exit 0: no hazard seen (transactions may be
# worth another look); 1: a hazard was seen; 2: the probe could not run.
#
#   scripts/ldap-transactions-probe.sh            # builds casdir if needed
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d -t casdir-txn-probe.XXXXXX)"
lab="$work/lab"
slapd_pid=""

cleanup() {
  if [ -n "$slapd_pid" ] && kill -0 "$slapd_pid" 2>/dev/null; then kill -9 "$slapd_pid" 2>/dev/null; fi
  rm -rf -- "$work"
}
trap cleanup EXIT

if ! "$repo/casdir" up --data "$lab" --sample lab >"$work/up.log" 2>&1; then
  echo "probe: could not start a lab directory:" >&2; cat "$work/up.log" >&2; exit 2
fi
slapd_pid="$(pgrep -f -- "$lab/slapd/slapd.conf" | head -1)"
url="$(cat "$lab/url")"
as_admin=(-H "$url" -x -D "CN=admin,DC=lab,DC=local" -y "$lab/accounts/admin.password")
sites="CN=Sites,CN=Configuration,DC=lab,DC=local"
echo "probe: $(/usr/sbin/slapd -VV 2>&1 | head -1 | sed 's/^@(#) \$//')"
hazards=0

# 1. A transaction that fails on its last update: nothing in the directory; and in the access log?
cat >"$work/failing.ldif" <<EOF
dn: CN=Probe-Committed-Then-Undone,$sites
changetype: add
objectClass: top
objectClass: site
cn: Probe-Committed-Then-Undone

dn: CN=Probe-Refused,CN=No-Such-Parent,CN=Configuration,DC=lab,DC=local
changetype: add
objectClass: top
objectClass: site
cn: Probe-Refused
EOF
ldapmodify "${as_admin[@]}" -E txn=commit -f "$work/failing.ldif" >"$work/failing.out" 2>&1
end_rc=$?
present="$(ldapsearch -LLL "${as_admin[@]}" -b "$sites" -s one "(cn=Probe-Committed-Then-Undone)" dn | grep -c '^dn:')"
logged="$(ldapsearch -LLL "${as_admin[@]}" -b cn=accesslog "(&(reqType=add)(reqDN=CN=Probe-Committed-Then-Undone,$sites)(reqResult=0))" reqStart | grep -c '^dn:')"
echo "probe 1, a transaction failing on its last update: End Transaction answered $end_rc; the first entry exists: $present; the access log records it as added: $logged"
if [ "$end_rc" -ne 0 ] && [ "$present" -eq 0 ] && [ "$logged" -gt 0 ]; then
  echo "  HAZARD: the access log reports an add that the transaction undid"; hazards=$((hazards + 1))
fi

# 2. Transactions committing while another connection writes.
site_a="CN=Default-First-Site-Name,$sites"
site_b="CN=Site-A,$sites"
for i in $(seq 1 30); do printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: in a transaction %s\n\n' "$site_a" "$i"; done >"$work/txn.ldif"
for i in $(seq 1 300); do printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: alone %s\n\n' "$site_b" "$i"; done >"$work/plain.ldif"
( for _ in $(seq 1 20); do timeout 30 ldapmodify "${as_admin[@]}" -E txn=commit -f "$work/txn.ldif" >/dev/null 2>&1 || exit $?; done ) &
txn_loop=$!
( for _ in $(seq 1 3); do timeout 30 ldapmodify "${as_admin[@]}" -f "$work/plain.ldif" >/dev/null 2>&1 || exit $?; done ) &
plain_loop=$!
wait "$txn_loop"; txn_rc=$?
wait "$plain_loop"; plain_rc=$?
printf 'dn: %s\nchangetype: modify\nreplace: description\ndescription: afterwards\n' "$site_b" \
  | timeout 30 ldapmodify "${as_admin[@]}" >/dev/null 2>&1
after_rc=$?
timeout 30 ldapsearch -LLL "${as_admin[@]}" -b "$site_b" -s base dn >/dev/null 2>&1
read_rc=$?
echo "probe 2, 20 transactions of 30 updates beside 900 single writes: transactions $txn_rc, single writes $plain_rc, a write afterwards $after_rc, a read afterwards $read_rc (124: no answer in 30 s)"
if ! kill -0 "$slapd_pid" 2>/dev/null; then
  echo "  HAZARD: slapd died"; hazards=$((hazards + 1))
elif [ "$after_rc" -eq 124 ] && [ "$read_rc" -eq 0 ]; then
  echo "  HAZARD: every write hangs (deadlock) while reads still answer"; hazards=$((hazards + 1))
fi

if [ "$hazards" -gt 0 ]; then
  echo "probe: $hazards hazard(s): LDAP transactions are not safe on this slapd; casdir-guard keeps refusing them"; exit 1
fi
echo "probe: no hazard seen in this run"; exit 0
