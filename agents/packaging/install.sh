#!/bin/sh
# Installs cp-agent as a systemd service on this machine.
# usage: sudo ./install.sh [--publish-dir DIR] [--config FILE]
#   --publish-dir  output of `dotnet publish agents/ControlPlane.Agent -c Release -o DIR` (default: build it here)
#   --config       agent configuration to install as /etc/controlplane/agent.json (default: the example, to edit)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
publish_dir=""
config="$here/agent.example.json"
while [ $# -gt 0 ]; do
  case "$1" in
    --publish-dir) publish_dir=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (it creates a user, /opt/cp-agent and a systemd unit)" >&2
  exit 1
fi

command -v dotnet >/dev/null || { echo "install.sh: the .NET 10 runtime (dotnet) is required" >&2; exit 1; }

if [ -z "$publish_dir" ]; then
  publish_dir=$(mktemp -d)
  dotnet publish "$here/../ControlPlane.Agent/ControlPlane.Agent.csproj" -c Release -o "$publish_dir"
fi

id cp-agent >/dev/null 2>&1 || useradd --system --home-dir /var/lib/cp-agent --shell /usr/sbin/nologin cp-agent
if getent group docker >/dev/null; then usermod -aG docker cp-agent; fi
# For "stepUser": "cp-step" (README: Step isolation). Never add it to the docker group.
id cp-step >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin cp-step

install -d -m 0755 /opt/cp-agent
cp -R "$publish_dir"/. /opt/cp-agent/
# 0711: a step user may pass through to its workspace; work/ and state/ below are the agent's own (0710 and 0700).
install -d -m 0711 -o cp-agent -g cp-agent /var/lib/cp-agent
install -d -m 0755 /etc/controlplane
if [ ! -f /etc/controlplane/agent.json ]; then
  # Owner-only: it holds the registration token.
  install -m 0600 -o cp-agent -g cp-agent "$config" /etc/controlplane/agent.json
  echo "install.sh: edit /etc/controlplane/agent.json (server, registrationToken, name, labels), then:"
else
  echo "install.sh: kept the existing /etc/controlplane/agent.json; to start:"
fi

install -m 0644 "$here/cp-agent.service" /etc/systemd/system/cp-agent.service
systemctl daemon-reload
echo "  systemctl enable --now cp-agent && journalctl -u cp-agent -f"
