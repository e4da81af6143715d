#!/usr/bin/env bash
# Install Debian's nginx for the production web process (deploy/web.py) and its tests, if it is missing.
# As root only; never starts the system's nginx service (the web process runs its own nginx).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "The production web process puts nginx in front of gunicorn: sudo apt-get install nginx" >&2
  exit 1
fi
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then             # keep apt from starting nginx on port 80
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  guard=/usr/sbin/policy-rc.d
fi
trap '[ -n "$guard" ] && rm -f "$guard"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
