#!/usr/bin/env bash
# Builds the EAR, provisions the application server from Maven Central and runs the chat demo on it.
# The server is WildFly by default; PITAYA_SERVER=payara runs the same EAR on Payara Server instead.
# Stop with Ctrl-C. Needs only a JDK 17+ and Maven.
#   ./run-demo.sh cluster    the chat in cluster mode: NATS, etcd, a connector and a room backend on WildFly
#                            (PITAYA_FRONTENDS=2: two connectors); see examples/cluster/run.sh
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  "") ;;
  cluster) exec examples/cluster/run.sh ;;
  *) echo "usage: $0 [cluster]" >&2; exit 2 ;;
esac
root="$PWD"
bind="${PITAYA_BIND:-127.0.0.1}"
server_kind="${PITAYA_SERVER:-wildfly}"

run_wildfly() {
  echo "Building the EAR and provisioning WildFly (first run downloads ~260 MB from Maven Central)..."
  mvn -q -B package -DskipTests -pl ear,server -am

  local wildfly base
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
  server_name="WildFly (standalone mode)"
  health_url="http://127.0.0.1:9990/health/ready"   # the management interface stays on loopback
  server_log="$base/log/server.log"
}

run_payara() {
  echo "Building the EAR and provisioning Payara Server (first run downloads ~170 MB from Maven Central)..."
  mvn -q -B package -DskipTests -Ppayara -pl ear,server -am

  # global, not local: the Ctrl-C trap runs after this function has returned
  payara="$(ls -d "$root"/server/target/payara-*/payara6 | head -n 1)"
  asadmin="$payara/bin/asadmin"
  domains="$root/server/target/demo-domains"   # the demo's own domain; the unpacked domain1 stays clean
  rm -rf "$domains"
  mkdir -p "$domains"
  cp -r "$payara/glassfish/domains/domain1" "$domains/demo"
  rm -rf "$domains/demo/logs/"* "$domains/demo/applications/"* "$domains/demo/generated" "$domains/demo/osgi-cache"
  # the HTTP listener binds like WildFly's -b; the TCP acceptor's host comes in through MicroProfile Config's
  # environment variable mapping (pitaya.acceptor.tcp.host)
  sed -i "s|<network-listener protocol=\"http-listener-1\" port=\"8080\"|& address=\"$bind\"|" "$domains/demo/config/domain.xml"
  export PITAYA_ACCEPTOR_TCP_HOST="$bind"

  "$asadmin" start-domain --verbose --domaindir "$domains" demo > "$domains/console.log" 2>&1 &
  server=$!
  trap '"$asadmin" stop-domain --domaindir "$domains" demo >/dev/null 2>&1; wait $server 2>/dev/null; exit 0' INT TERM

  for _ in $(seq 1 120); do
    if "$asadmin" uptime >/dev/null 2>&1; then break; fi
    if ! kill -0 $server 2>/dev/null; then
      echo "Payara did not start; see $domains/console.log" >&2; exit 1
    fi
    sleep 1
  done
  if ! "$asadmin" deploy "$root/ear/target/pitaya.ear" >/dev/null; then
    echo "Deployment failed; see $domains/demo/logs/server.log" >&2
    "$asadmin" stop-domain --domaindir "$domains" demo >/dev/null 2>&1; exit 1
  fi
  server_name="Payara Server"
  health_url="http://HOST:8080/health/ready"
  server_log="$domains/demo/logs/server.log"
}

case "$server_kind" in
  wildfly) run_wildfly ;;
  payara) run_payara ;;
  *) echo "PITAYA_SERVER must be wildfly or payara, not '$server_kind'" >&2; exit 2 ;;
esac

host="$bind"; [ "$host" = "0.0.0.0" ] && host=127.0.0.1
health_url="${health_url//HOST/$host}"
cat <<MSG

Pitaya chat demo is running on $server_name.
  Chat page:           http://$host:8080/chat/
  Pitaya WebSocket:    ws://$host:8080/
  Pitaya TCP:          $host:3250
  Metrics:             http://$host:8080/pitaya/metrics
  Health (readiness):  $health_url
  Admin (live stats):  http://$host:8080/pitaya/admin/
  Server log:          $server_log
Press Ctrl-C to stop.
MSG
wait $server
