#!/usr/bin/env bash
# Installs what CasDirectory needs from Debian's packages, only what is missing:
# slapd and ldap-utils (the directory and its client tools; ldap-utils brings libldap, which
# System.DirectoryServices.Protocols loads), gettext-base (envsubst, for the container entrypoint)
# and gcc with slapi-dev and libldap-dev (to build casdir-guard, our slapd plugin).
# Debian is told not to configure a system directory of its own: CasDirectory runs its own slapd.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# --with-pwsh: also stock PowerShell 7.6.10 (the PowerShell .NET tool) in .build/tools, for the tests that import
# the module into a real pwsh. No profile, no telemetry: it is only run by those tests.
if [ "${1:-}" = "--with-pwsh" ] && [ ! -x "$repo/.build/tools/pwsh" ]; then
  echo "install-prerequisites: installing PowerShell 7.6.10 (dotnet tool) into .build/tools" >&2
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet tool install --tool-path "$repo/.build/tools" PowerShell --version 7.6.10 >/dev/null
fi

need=()
[ -x /usr/sbin/slapd ] || command -v slapd >/dev/null 2>&1 || need+=(slapd)
command -v ldapsearch >/dev/null 2>&1 || need+=(ldap-utils)
command -v envsubst >/dev/null 2>&1 || need+=(gettext-base)
command -v openssl >/dev/null 2>&1 || need+=(openssl)  # the container entrypoint's certificates (run natively by a test)
command -v valgrind >/dev/null 2>&1 || need+=(valgrind)   # casdir-guard runs under memcheck in a test of its own
command -v curl >/dev/null 2>&1 || need+=(curl)           # the Autodiscover tests post Microsoft's POX body with curl
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)     # casdir frontend: one writer for a replicated directory (docs/replication.md)
# casdir-guard, the slapd plugin built with casdir: a C compiler and OpenLDAP's plugin headers.
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
[ -f /usr/include/slapi-plugin.h ] || need+=(slapi-dev)
[ -f /usr/include/ldap.h ] || need+=(libldap-dev)
# Stock clients the tests browse with, as AD-minded users do: python's ldap3 (Debian's python3) and ldapvi; with
# --with-pwsh also Node's ldapts (below), for which Node.js and npm.
/usr/bin/python3 -c "import ldap3" >/dev/null 2>&1 || need+=(python3-ldap3)
command -v ldapvi >/dev/null 2>&1 || need+=(ldapvi)
if [ "${1:-}" = "--with-pwsh" ]; then
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi

# ldapts 7.4 (MIT; Node 18 or later, Debian 12's) into .build/tools/node_modules, for the tests only; and the SOAP
# Autodiscover acceptance client's locked packages (ews-javascript-api 0.15.3, MIT) into tests/ews-client/node_modules.
install_ldapts() {
  [ "${1:-}" = "--with-pwsh" ] || return 0
  if [ ! -f "$repo/.build/tools/node_modules/ldapts/package.json" ]; then
    echo "install-prerequisites: installing ldapts 7.4.0 (npm) into .build/tools" >&2
    npm install --prefix "$repo/.build/tools" --no-audit --no-fund --loglevel=error ldapts@7.4.0 >/dev/null
  fi
  if [ ! -f "$repo/tests/ews-client/node_modules/ews-javascript-api/package.json" ]; then
    echo "install-prerequisites: installing ews-javascript-api 0.15.3 (npm ci) into tests/ews-client" >&2
    (cd "$repo/tests/ews-client" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
if [ "${#need[@]}" -eq 0 ]; then
  install_ldapts "${1:-}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-prerequisites: please install ${need[*]} (OpenLDAP server and client tools) with your package manager." >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-prerequisites: run as root or install sudo to install ${need[*]}." >&2; exit 1; }
  as_root=(sudo)
fi

echo "install-prerequisites: installing ${need[*]}" >&2
echo "slapd slapd/no_configuration boolean true" | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
install_ldapts "${1:-}"
