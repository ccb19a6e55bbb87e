#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds, tests.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

apt_packages=(python3-grpcio python3-grpc-tools)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The Docker executor's tests talk to a real dockerd; this starts one (vfs storage, no bridge) when none answers.
tests/ControlPlane.Testing/Scripts/ensure-dockerd.sh

# The lock files (packages.lock.json beside each project) are the package versions tested; a restore that would change
# them fails here instead of testing something else.
dotnet restore ControlPlane.sln --locked-mode
dotnet build ControlPlane.sln -c Release -warnaserror --no-restore
dotnet test ControlPlane.sln -c Release --no-build "$@"
