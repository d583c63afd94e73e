#!/usr/bin/env bash
# Builds the EAR, provisions WildFly from Maven Central and runs the chat demo on it (standalone mode).
# Stop with Ctrl-C. Needs only a JDK 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
bind="${PITAYA_BIND:-127.0.0.1}"

echo "Building the EAR and provisioning WildFly (first run downloads ~260 MB from Maven Central)..."
mvn -q -B install -DskipTests -pl ear,server -am

wildfly="$(ls -d "$root"/server/target/wildfly-*/ | head -n 1)"
base="$root/server/target/demo"   # the demo's own server state; the tests' server stays clean
rm -rf "$base"
cp -r "$wildfly/standalone" "$base"
rm -rf "$base/log" "$base/data" "$base/tmp" "$base/deployments/"*   # start clean: no logs or deployments of test runs
cp "$root/ear/target/pitaya.ear" "$base/deployments/"

LAUNCH_JBOSS_IN_BACKGROUND=1 "$wildfly/bin/standalone.sh" -Djboss.server.base.dir="$base" -b "$bind" -Dpitaya.acceptor.tcp.host="$bind" > "$base/console.log" 2>&1 &
server=$!
# standalone.sh relays the signal to the JVM (LAUNCH_JBOSS_IN_BACKGROUND) and waits for its shutdown
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 120); do
  if [ -f "$base/deployments/pitaya.ear.deployed" ]; then break; fi
  if [ -f "$base/deployments/pitaya.ear.failed" ] || ! kill -0 $server 2>/dev/null; then
    echo "Deployment failed; see $base/log/server.log" >&2; kill $server 2>/dev/null; exit 1
  fi
  sleep 1
done

host="$bind"; [ "$host" = "0.0.0.0" ] && host=127.0.0.1
cat <<MSG

Pitaya chat demo is running on WildFly (standalone mode).
  Chat page:           http://$host:8080/chat/
  Pitaya WebSocket:    ws://$host:8080/
  Pitaya TCP:          $host:3250
  Server log:          $base/log/server.log
Press Ctrl-C to stop.
MSG
wait $server
