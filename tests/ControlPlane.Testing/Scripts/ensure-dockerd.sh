#!/usr/bin/env bash
# Makes a Docker daemon answer on /var/run/docker.sock, for the Docker tests on a fresh machine.
# Idempotent: does nothing when the socket already answers. Otherwise installs docker.io and
# busybox-static if missing, starts dockerd in the background (log in /tmp/dockerd.log) and waits
# until it answers. Exits non-zero with the tail of the log when the daemon does not come up.
#
# The daemon runs with vfs storage (works on any filesystem, including inside another container),
# without iptables and without the default bridge: test containers use network mode "none".
set -euo pipefail

socket=/var/run/docker.sock
log=/tmp/dockerd.log
lock=/tmp/ensure-dockerd.lock
timeout_seconds=${ENSURE_DOCKERD_TIMEOUT:-30}

as_root=()
[[ $(id -u) -eq 0 ]] || as_root=(sudo)

answers() {
  [[ -S $socket ]] || return 1
  if command -v docker >/dev/null 2>&1; then
    timeout 5 docker -H "unix://$socket" version >/dev/null 2>&1
  else
    timeout 5 curl -fsS --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1
  fi
}

if answers; then
  exit 0
fi

# Two test runs starting at once must not start two daemons.
exec 9>"$lock"
flock -w "$((timeout_seconds + 60))" 9
if answers; then
  exit 0
fi

missing=()
for package in docker.io busybox-static; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "ensure-dockerd: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dockerd_args=(--storage-driver=vfs --iptables=false --bridge=none)
if ((${#as_root[@]})); then
  # A daemon started through sudo would leave the socket to root and group "docker", which a fresh
  # user is not in until they log in again; give the socket to the invoking user's group instead.
  dockerd_args+=(--group "$(id -gn)")
fi

echo "ensure-dockerd: starting dockerd (log: $log)"
# setsid: the daemon must outlive this script and the test run's process group.
"${as_root[@]}" setsid dockerd "${dockerd_args[@]}" >"$log" 2>&1 </dev/null &
dockerd_pid=$!

deadline=$((SECONDS + timeout_seconds))
until answers; do
  if ! kill -0 "$dockerd_pid" 2>/dev/null && ! pgrep -x dockerd >/dev/null; then
    echo "ensure-dockerd: dockerd exited during startup; last lines of $log:" >&2
    tail -n 40 "$log" >&2 || true
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "ensure-dockerd: dockerd did not answer on $socket within ${timeout_seconds}s; last lines of $log:" >&2
    tail -n 40 "$log" >&2 || true
    exit 1
  fi
  sleep 0.5
done
echo "ensure-dockerd: dockerd is up"
