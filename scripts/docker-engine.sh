#!/usr/bin/env bash
# A Docker engine for CasDirectory's container tests and for developers, on a machine without one.
#
#   scripts/docker-engine.sh run CMD [ARG...]  an engine for CMD: the reachable one, or a private dockerd started
#                                              here (root); the local base images built once; CMD runs with
#                                              DOCKER_HOST and CASDIR_*_IMAGE set; what was started is stopped after.
#                                              (run --or-without CMD: CMD runs even when no engine can be had.)
#   scripts/docker-engine.sh start             start a private engine, build the local base images once, and leave it
#                                              running; prints the exports: eval "$(scripts/docker-engine.sh start)"
#   scripts/docker-engine.sh stop              stop it: dockerd and containerd by pid, networking as it was before
#   scripts/docker-engine.sh base-images       build the local base images on the current engine (if missing)
#   scripts/docker-engine.sh status            say which engine is reachable
#
# No image registry is needed. Base images are made locally, once, and cached in the engine's data root:
#   debian:bookworm-slim               debootstrap --variant=minbase from this machine's own apt mirror, docker import
#   casdir-local/dotnet-sdk:10.0       that image plus this machine's .NET SDK and its trusted CA certificates
# Pass them to the Dockerfiles as build arguments (docker-compose.yml and CasDirectory.Testcontainers read
# CASDIR_SDK_IMAGE and CASDIR_BASE_IMAGE).
#
# Testcontainers (CasDirectory.Testcontainers) needs three settings on such an engine, exported by `run` and printed
# by `start` where they apply: DOCKER_API_VERSION=1.41 (Debian 12's engine speaks API 1.41 at most; Testcontainers
# asks for 1.44), TESTCONTAINERS_RYUK_DISABLED=true (its reaper image cannot be pulled without a registry; the module
# removes what it made itself) and TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (published ports are on loopback; inside a
# container Testcontainers would hand out the bridge's gateway address instead).
#
# The private engine: dockerd --data-root $CASDIR_DOCKER_DATA (default /var/lib/casdir-docker, kept as the image
# cache) --exec-root and socket under $CASDIR_DOCKER_RUN (default /tmp/casdir-docker). Before it starts, the host's
# IP forwarding, iptables/ip6tables rules and network links are saved; `stop` puts them back.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="${CASDIR_DOCKER_RUN:-/tmp/casdir-docker}"
data_dir="${CASDIR_DOCKER_DATA:-/var/lib/casdir-docker}"
socket="$run_dir/docker.sock"
base_image="${CASDIR_BASE_IMAGE:-debian:bookworm-slim}"
sdk_image="${CASDIR_SDK_IMAGE:-casdir-local/dotnet-sdk:10.0}"
packages=(docker.io docker-compose debootstrap iptables)
# Bumped when the recipe of a local base image changes, so a cached one is rebuilt.
recipe=2

say() { echo "docker-engine: $*" >&2; }
fail() { say "$*"; exit 1; }

engine_answers() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# testcontainers_settings PRIVATE: the Testcontainers settings this engine needs, as export lines. PRIVATE=yes for
# the engine this script starts (no registry, so no reaper image; its ports are on this machine's loopback).
testcontainers_settings() {
  local api
  api="$(timeout 10 docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)"
  if [ -n "$api" ] && [ "$(printf '%s\n1.44\n' "$api" | sort -V | head -1)" != 1.44 ]; then echo "export DOCKER_API_VERSION=$api"; fi
  if [ "$1" = yes ]; then
    echo "export TESTCONTAINERS_RYUK_DISABLED=true"
    echo "export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
  fi
}

# install_packages: Debian's engine, compose v1 and debootstrap, only what is missing.
install_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
  command -v iptables-save >/dev/null 2>&1 || need+=(iptables)
  [ "${#need[@]}" -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail "installing ${need[*]} needs root (apt-get install -y --no-install-recommends ${packages[*]})"
  command -v apt-get >/dev/null 2>&1 || fail "please install ${need[*]} with your package manager"
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# --- the host's networking, saved before dockerd touches it and restored after it stops ---------------------------

save_networking() {
  local saved="$run_dir/host-networking"
  mkdir -p "$saved"
  sysctl -n net.ipv4.ip_forward > "$saved/ip_forward"
  sysctl -n net.ipv6.conf.all.forwarding > "$saved/ip6_forward" 2>/dev/null || true
  iptables-save > "$saved/iptables" 2>/dev/null || : > "$saved/iptables"
  ip6tables-save > "$saved/ip6tables" 2>/dev/null || : > "$saved/ip6tables"
  ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' > "$saved/links"
  [ -d /sys/module/br_netfilter ] && echo yes > "$saved/br_netfilter" || echo no > "$saved/br_netfilter"
}

# restore_tables TOOL SAVED: the tables as saved; tables the engine created are emptied and their chains removed.
restore_tables() {
  local tool="$1" saved="$2" table
  command -v "$tool-save" >/dev/null 2>&1 || return 0
  for table in $("$tool-save" 2>/dev/null | sed -n 's/^\*//p'); do
    grep -qx "\*$table" "$saved" && continue
    "$tool" -t "$table" -F && "$tool" -t "$table" -X
    for chain in $("$tool" -t "$table" -S | sed -n 's/^-P \([^ ]*\) .*/\1/p'); do "$tool" -t "$table" -P "$chain" ACCEPT; done
  done
  [ -s "$saved" ] && "$tool-restore" < "$saved"
  return 0
}

restore_networking() {
  local saved="$run_dir/host-networking" link
  [ -d "$saved" ] || return 0
  # Bridges and veth pairs the engine made (docker0, br-<id>, veth<id>); links that were there before stay.
  for link in $(ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
    grep -qx "$link" "$saved/links" && continue
    case "$link" in docker0|br-*|veth*) ip link delete "$link" 2>/dev/null || true ;; esac
  done
  restore_tables iptables "$saved/iptables" || say "could not restore the iptables rules (saved in $saved/iptables)"
  restore_tables ip6tables "$saved/ip6tables" || say "could not restore the ip6tables rules (saved in $saved/ip6tables)"
  sysctl -qw net.ipv4.ip_forward="$(cat "$saved/ip_forward")"
  [ -s "$saved/ip6_forward" ] && sysctl -qw net.ipv6.conf.all.forwarding="$(cat "$saved/ip6_forward")"
  if [ "$(cat "$saved/br_netfilter")" = no ] && [ -d /sys/module/br_netfilter ]; then
    modprobe -r br_netfilter 2>/dev/null || say "br_netfilter (loaded by dockerd) is still loaded"
  fi
  rm -rf "$saved"
}

# --- the private engine ----------------------------------------------------------------------------------------------

start_engine() {
  [ "$(id -u)" = 0 ] || fail "a private dockerd needs root; run as root or start a Docker engine and set DOCKER_HOST"
  install_packages
  if [ -f "$run_dir/dockerd.pid" ] && kill -0 "$(cat "$run_dir/dockerd.pid")" 2>/dev/null; then
    DOCKER_HOST="unix://$socket" engine_answers && { say "a private engine already runs (pid $(cat "$run_dir/dockerd.pid"))"; return 0; }
    fail "dockerd (pid $(cat "$run_dir/dockerd.pid")) runs but does not answer on $socket; stop it with: $0 stop"
  fi
  mkdir -p "$run_dir" "$data_dir"
  chmod 0700 "$run_dir" "$data_dir"
  save_networking
  say "starting a private dockerd (data $data_dir, socket $socket)"
  # Its own containerd under the exec root: nothing of the host's is used or left behind.
  setsid dockerd --data-root "$data_dir" --exec-root "$run_dir/exec" --pidfile "$run_dir/dockerd.pid" \
    -H "unix://$socket" --log-level warn >"$run_dir/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$run_dir/dockerd.launcher.pid"
  local waited=0
  until DOCKER_HOST="unix://$socket" engine_answers; do
    if ! kill -0 "$(cat "$run_dir/dockerd.launcher.pid")" 2>/dev/null || [ "$waited" -ge 60 ]; then
      tail -20 "$run_dir/dockerd.log" >&2 || true
      stop_engine
      fail "dockerd did not start (its log: $run_dir/dockerd.log)"
    fi
    sleep 0.5; waited=$((waited + 1))
  done
}

stop_engine() {
  local pid
  [ -d "$run_dir" ] || return 0
  if [ -S "$socket" ] && DOCKER_HOST="unix://$socket" engine_answers; then
    # Containers first, so nothing keeps a mount or a veth when the engine goes.
    local running
    running="$(DOCKER_HOST="unix://$socket" docker ps -q 2>/dev/null || true)"
    [ -z "$running" ] || DOCKER_HOST="unix://$socket" docker rm -f $running >/dev/null 2>&1 || true
  fi
  for file in dockerd.pid dockerd.launcher.pid; do
    [ -f "$run_dir/$file" ] || continue
    pid="$(cat "$run_dir/$file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && { say "dockerd (pid $pid) did not stop in 30 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
    fi
    rm -f "$run_dir/$file"
  done
  # dockerd stops its containerd; one left over (dockerd killed) is found by its socket under our exec root.
  for pid in $(pgrep -f "containerd .*$run_dir/exec" 2>/dev/null || true); do kill -TERM "$pid" 2>/dev/null || true; done
  # Mounts left by a killed engine would keep the data root busy.
  { grep -o " $run_dir/[^ ]*\| $data_dir/[^ ]*" /proc/self/mounts 2>/dev/null || true; } | sort -r |
    while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  restore_networking
  rm -rf "$run_dir"
}

# --- local base images -----------------------------------------------------------------------------------------------

# apt_mirror: the Debian mirror this machine's own apt uses (deb822 sources or sources.list), never a fixed host.
apt_mirror() {
  local uri
  uri="$( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')"
  [ -n "$uri" ] || uri="$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true) | awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }')"
  [ -n "$uri" ] || fail "no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d"
  echo "$uri"
}

apt_security_mirror() {
  (cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true) |
    grep -o 'https\?://[^ ]*security[^ ]*' | head -1
}

# has_image NAME: NAME exists and was made by this recipe.
has_image() { [ "$(docker image inspect -f '{{index .Config.Labels "casdir.recipe"}}' "$1" 2>/dev/null)" = "$recipe" ]; }

build_debian_image() {
  has_image "$base_image" && return 0
  local mirror security rootfs
  mirror="$(apt_mirror)"; security="$(apt_security_mirror)"
  rootfs="$(mktemp -d /tmp/casdir-rootfs.XXXXXX)"
  say "making $base_image with debootstrap from $mirror (about a minute, once)"
  if ! debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1; then
    tail -20 "$rootfs.log" >&2; rm -rf "$rootfs" "$rootfs.log"; fail "debootstrap failed"
  fi
  # The image's apt uses the same mirrors as this machine, with the usual slim-image trimming.
  { echo "deb $mirror bookworm main"; echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"; } > "$rootfs/etc/apt/sources.list"
  # As Debian's own slim images: apt keeps no caches or package files, dpkg installs no manuals, docs or locales.
  cat > "$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
APT::AutoRemove::SuggestsImportant "false";
EOF
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' 'path-exclude /usr/share/man/*' \
    'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' 'path-exclude /usr/share/lintian/*' > "$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/lintian/*
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  tar -C "$rootfs" --numeric-owner -c . | docker import --change 'CMD ["bash"]' --change "LABEL casdir.recipe=$recipe" - "$base_image" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
}

build_sdk_image() {
  has_image "$sdk_image" && return 0
  local dotnet_root context
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  [ -x "$dotnet_root/dotnet" ] || fail "the .NET SDK (dotnet) was not found on PATH"
  context="$(mktemp -d /tmp/casdir-sdk.XXXXXX)"
  say "making $sdk_image from $base_image and the SDK in $dotnet_root"
  cp -al "$dotnet_root" "$context/dotnet" 2>/dev/null || cp -a "$dotnet_root" "$context/dotnet"
  # This machine's trusted CAs: restores inside a build reach NuGet the way this machine does.
  cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  cat > "$context/Dockerfile" <<EOF
FROM $base_image
LABEL casdir.recipe=$recipe
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates libssl3 libstdc++6 zlib1g \\
 && rm -rf /var/lib/apt/lists/*
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}
EOF
  # The classic builder: Debian's engine has no buildx, and docker-compose v1 builds with it too.
  if ! DOCKER_BUILDKIT=0 docker build -q -t "$sdk_image" "$context" >"$context.log" 2>&1; then
    cat "$context.log" >&2; rm -rf "$context" "$context.log"; fail "building $sdk_image failed"
  fi
  rm -f "$context.log"
  rm -rf "$context"
}

base_images() {
  command -v debootstrap >/dev/null 2>&1 || install_packages
  build_debian_image
  build_sdk_image
}

# --- commands --------------------------------------------------------------------------------------------------------

case "${1:-}" in
  run)
    # run [--or-without] CMD...: with --or-without, CMD still runs (with CASDIR_ENGINE_READY=unavailable) when no
    # engine can be had, so a test runner can say so and go on without its container tests.
    shift
    optional=no
    [ "${1:-}" = --or-without ] && { optional=yes; shift; }
    [ "$#" -gt 0 ] || fail "usage: $0 run [--or-without] CMD [ARG...]"
    started=no ready=yes
    if ! engine_answers; then
      if [ -f "$run_dir/dockerd.pid" ] && kill -0 "$(cat "$run_dir/dockerd.pid")" 2>/dev/null; then
        fail "a private engine started by '$0 start' is running; export DOCKER_HOST=unix://$socket, or stop it first"
      fi
      # Started in a subshell (its failures end only it); everything it leaves is in $run_dir, stopped on exit.
      if (start_engine); then
        started=yes
        export DOCKER_HOST="unix://$socket"
      else
        ready=no
      fi
      trap 'stop_engine' EXIT
      trap 'exit 130' INT TERM
    fi
    public=no
    if [ "$ready" = yes ] && ! (base_images); then
      # An engine of the user's own may pull the Dockerfiles' public base images instead.
      if [ "$started" = no ]; then say "no local base images: the builds use the public ones"; public=yes; else ready=no; fi
    fi
    if [ "$ready" = no ]; then
      [ "$optional" = yes ] || exit 1
      say "no Docker engine: running without one"
      export CASDIR_ENGINE_READY=unavailable
    else
      [ "$public" = yes ] || export CASDIR_BASE_IMAGE="$base_image" CASDIR_SDK_IMAGE="$sdk_image"
      export CASDIR_ENGINE_READY="$([ "$started" = yes ] && echo private || echo existing)"
      # Settings the user already made win.
      while read -r _ setting; do
        name="${setting%%=*}"
        [ -n "${!name:-}" ] || export "$setting"
      done < <(testcontainers_settings "$([ "$started" = yes ] || [ "${DOCKER_HOST:-}" = "unix://$socket" ] && echo yes || echo no)")
    fi
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
    ;;
  start)
    start_engine
    export DOCKER_HOST="unix://$socket"
    base_images
    echo "export DOCKER_HOST=unix://$socket"
    echo "export CASDIR_BASE_IMAGE=$base_image CASDIR_SDK_IMAGE=$sdk_image"
    testcontainers_settings yes
    ;;
  stop)
    stop_engine
    ;;
  base-images)
    engine_answers || fail "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-default}); start one with: $0 start"
    base_images
    echo "export CASDIR_BASE_IMAGE=$base_image CASDIR_SDK_IMAGE=$sdk_image"
    ;;
  status)
    if engine_answers; then echo "engine $(docker version --format '{{.Server.Version}}') at ${DOCKER_HOST:-the default socket}"
    elif [ -S "$socket" ] && DOCKER_HOST="unix://$socket" engine_answers; then echo "private engine at unix://$socket (export DOCKER_HOST=unix://$socket)"
    else echo "no engine reachable"; exit 1; fi
    ;;
  *)
    sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
