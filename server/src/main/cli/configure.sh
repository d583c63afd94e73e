#!/usr/bin/env bash
# Applies configure.cli to the unpacked WildFly (offline, embedded server), always starting from the pristine
# standalone.xml, so editing configure.cli and rebuilding is enough.
set -euo pipefail
home="$1"
here="$(cd "$(dirname "$0")" && pwd)"
config="$home/standalone/configuration/standalone.xml"
marker="$home/.pitaya-configured"
if [ -f "$marker" ] && [ "$marker" -nt "$here/configure.cli" ]; then
  exit 0
fi
[ -f "$config.orig" ] || cp "$config" "$config.orig"
cp "$config.orig" "$config"
JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$here/configure.cli" >"$home/pitaya-configure.log" 2>&1 || {
  cat "$home/pitaya-configure.log"; exit 1; }
touch "$marker"
echo "WildFly at $home configured for Pitaya"
