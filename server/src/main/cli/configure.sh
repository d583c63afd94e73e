#!/usr/bin/env bash
# Applies configure.cli to a freshly unpacked WildFly once (offline, embedded server).
set -euo pipefail
home="$1"
here="$(cd "$(dirname "$0")" && pwd)"
marker="$home/.pitaya-configured"
if [ -f "$marker" ] && [ "$marker" -nt "$here/configure.cli" ]; then
  exit 0
fi
JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$here/configure.cli" >"$home/pitaya-configure.log" 2>&1 || {
  cat "$home/pitaya-configure.log"; exit 1; }
touch "$marker"
echo "WildFly at $home configured for Pitaya"
