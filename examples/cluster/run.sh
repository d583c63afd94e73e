#!/usr/bin/env bash
# The chat in cluster mode (./run-demo.sh cluster): nats-server (4222), etcd (2379/2380), a room backend and one
# connector frontend (two with PITAYA_FRONTENDS=2), each its own WildFly:
#   connector-1  HTTP/WebSocket 8080, TCP 3250, chat page /chat        (port offset 0)
#   room-1       HTTP 8180, no TCP acceptor                            (port offset 100)
#   connector-2  HTTP/WebSocket 8280, TCP 3450 (PITAYA_FRONTENDS=2)    (port offset 200)
# Each serves Prometheus metrics at /pitaya/metrics and the admin page at /pitaya/admin/ on its HTTP port and
# readiness at /health/ready on its management port (9990 + offset, loopback).
# Installs Debian's nats-server and etcd-server when missing. State and logs under examples/cluster/target/demo.
# Ctrl-C stops everything it started, by pid.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
bind="${PITAYA_BIND:-127.0.0.1}"
frontends="${PITAYA_FRONTENDS:-1}"
case "$frontends" in 1|2) ;; *) echo "PITAYA_FRONTENDS must be 1 or 2, not '$frontends'" >&2; exit 2 ;; esac
host="$bind"; [ "$host" = "0.0.0.0" ] && host=127.0.0.1

need=()
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)..."
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

busy=()
for port in 4222 2379 2380 8080 9990 3250 8180 10090 $([ "$frontends" = 2 ] && echo 8280 10190 3450); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy+=("$port"); fi
done
if [ ${#busy[@]} -gt 0 ]; then
  echo "Ports already in use: ${busy[*]} (another demo, NATS, etcd or WildFly?). Stop it first." >&2
  exit 1
fi

echo "Building connector.ear and room.ear and provisioning WildFly (first run downloads ~260 MB from Maven Central)..."
mvn -q -B package -DskipTests -pl examples/cluster/connector-ear,examples/cluster/room-ear,server -am

wildfly="$(ls -d "$root"/server/target/wildfly-*/ | head -n 1)"
work="$root/examples/cluster/target/demo"
rm -rf "$work"
mkdir -p "$work"

pids=()          # every process this script started (nats-server, etcd, the WildFly JVMs and their scripts)
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ${#pids[@]} processes..."
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 0' INT TERM
trap 'status=$?; stop_all; exit $status' EXIT

nats-server -a "$bind" -p 4222 > "$work/nats.log" 2>&1 &
pids+=($!)
etcd --name demo --data-dir "$work/etcd" \
  --listen-client-urls "http://$host:2379" --advertise-client-urls "http://$host:2379" \
  --listen-peer-urls "http://$host:2380" --initial-advertise-peer-urls "http://$host:2380" \
  --initial-cluster "demo=http://$host:2380" --log-level warn > "$work/etcd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/$host/4222") 2>/dev/null && (exec 3<>"/dev/tcp/$host/2379") 2>/dev/null; then break; fi
  sleep 0.1
done

# name, EAR, port offset, extra -D options...
start_wildfly() {
  local name="$1" ear="$2" offset="$3"; shift 3
  local base="$work/$name"
  cp -r "$wildfly/standalone" "$base"
  rm -rf "$base/log" "$base/data" "$base/tmp" "$base/deployments/"*
  cp "$ear" "$base/deployments/"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/wildfly.pid" "$wildfly/bin/standalone.sh" \
    -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" -b "$bind" \
    -Dpitaya.server.id="$name" -Dpitaya.acceptor.tcp.host="$bind" \
    -Dpitaya.cluster.sd.etcd.endpoints="http://$host:2379" \
    -Dpitaya.cluster.rpc.server.nats.connect="nats://$host:4222" \
    -Dpitaya.cluster.rpc.client.nats.connect="nats://$host:4222" "$@" > "$base/console.log" 2>&1 &
  pids+=($!)
}

# wait for name's EAR; adds the JVM's pid to pids
await_wildfly() {
  local name="$1" ear_name="$2" base="$work/$1"
  for _ in $(seq 1 180); do
    if [ -s "$base/wildfly.pid" ] && [ -z "${jvm_added[$name]:-}" ]; then pids+=("$(cat "$base/wildfly.pid")"); jvm_added[$name]=1; fi
    [ -f "$base/deployments/$ear_name.deployed" ] && return 0
    if [ -f "$base/deployments/$ear_name.failed" ]; then
      echo "$name: $ear_name failed to deploy; see $base/log/server.log" >&2; exit 1
    fi
    sleep 1
  done
  echo "$name: $ear_name did not deploy within 180 s; see $base/log/server.log" >&2; exit 1
}
declare -A jvm_added=()

room_ear="$root/examples/cluster/room-ear/target/room.ear"
connector_ear="$root/examples/cluster/connector-ear/target/connector.ear"
echo "Starting nats-server, etcd and $((frontends + 1)) WildFly servers..."
start_wildfly room-1 "$room_ear" 100
start_wildfly connector-1 "$connector_ear" 0 -Dpitaya.acceptor.tcp.port=3250
[ "$frontends" = 2 ] && start_wildfly connector-2 "$connector_ear" 200 -Dpitaya.acceptor.tcp.port=3450
await_wildfly room-1 room.ear
await_wildfly connector-1 connector.ear
[ "$frontends" = 2 ] && await_wildfly connector-2 connector.ear

cat <<MSG

Pitaya cluster chat is running (NATS nats://$host:4222, etcd http://$host:2379).
  connector-1  Chat page:  http://$host:8080/chat/
               WebSocket:  ws://$host:8080/      TCP: $host:3250
               Metrics:    http://$host:8080/pitaya/metrics
               Admin:      http://$host:8080/pitaya/admin/
               Readiness:  http://127.0.0.1:9990/health/ready
MSG
if [ "$frontends" = 2 ]; then
  cat <<MSG
  connector-2  Chat page:  http://$host:8280/chat/
               WebSocket:  ws://$host:8280/      TCP: $host:3450
               Metrics:    http://$host:8280/pitaya/metrics
               Admin:      http://$host:8280/pitaya/admin/
               Readiness:  http://127.0.0.1:10190/health/ready
MSG
fi
cat <<MSG
  room-1       backend (routes room.room.join, room.room.message), no TCP acceptor
               Metrics:    http://$host:8180/pitaya/metrics
               Admin:      http://$host:8180/pitaya/admin/
               Readiness:  http://127.0.0.1:10090/health/ready
  (readiness includes NATS and etcd; the management interface stays on loopback)
  Logs:        $work/<server>/log/server.log, $work/nats.log, $work/etcd.log
  Servers in etcd:  etcdctl --endpoints http://$host:2379 get --prefix pitaya/servers/
Press Ctrl-C to stop.
MSG
wait || true
