#!/bin/sh
# casdir in CasDirectory.Testcontainers' container (RunCasdirAsync runs it): as the casdir user, never root, against
# the container's own directory as the provisioning account (CASDIR_ACCOUNT=reader|updater chooses another).
if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=10001 --regid=10001 --init-groups env HOME=/home/casdir /usr/local/bin/casdir-container "$@"
fi
exec /usr/local/bin/casdir-container "$@"
