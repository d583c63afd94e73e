#!/usr/bin/env bash
# Benchmarks cluster mode's forward hop with the project's load generator (pitaya-loadgen): a client's request to a
# room route goes client -> connector (frontend) -> NATS -> room (backend) -> NATS -> connector -> client.
# Starts its own nats-server and etcd (ports 14222 and 12379/12380) and two WildFly servers: the example's
# connector.ear (port offset 0: TCP 3250, WebSocket 8080) and room.ear (offset 100), both with the bench handlers
# (benchmarks/app) in lib/ and compression off. Measures, over TCP, closed loop:
#   forward  room.bench.ping       the forward hop (the number this script is for)
#   local    connector.bench.ping  the same request answered by the connector itself (the hop's baseline)
# at 1 and 100 connections. The generator, both servers, NATS and etcd share this machine.
#
#   benchmarks/cluster.sh                     # about 3 min with an up-to-date build
#   DURATION=10s CONNECTIONS="100" benchmarks/cluster.sh
#   SKIP_BUILD=1 benchmarks/cluster.sh
#
# Results: benchmarks/target/cluster/results.jsonl (one JSON line per run); logs under benchmarks/target/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

duration="${DURATION:-20s}"
warmup="${WARMUP:-5s}"
connections="${CONNECTIONS:-1 100}"
targets="${TARGETS:-forward local}"
payload="${PAYLOAD:-"{}"}"
threads="${THREADS:-1}"
skip_build="${SKIP_BUILD:-0}"
client_java_opts="${CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx1g}"
nats_port=14222
etcd_port=12379
etcd_peer_port=12380
work="$root/benchmarks/target/cluster"
results="$work/results.jsonl"

# ---- build (package only: nothing is installed into the local repository) ------------------------------------------
if [ "$skip_build" != 1 ]; then
  echo "Building connector.ear, room.ear, WildFly and the load generator..."
  mvn -q -B package -DskipTests -pl examples/cluster/connector-ear,examples/cluster/room-ear,server,pitaya-loadgen -am
fi
rm -rf "$work"
mkdir -p "$work/bench/classes/META-INF"
mvn -q -B -o -pl pitaya-loadgen dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/loadgen.cp"
loadgen_jar="$(ls "$root"/pitaya-loadgen/target/pitaya-loadgen-*.jar | grep -v -e sources -e tests | head -n 1)"
classpath="$loadgen_jar:$(cat "$work/loadgen.cp")"
wildfly="$(ls -d "$root"/server/target/wildfly-*/ | head -n 1)"
wildfly_version="$(basename "$wildfly" | sed 's/^wildfly-//')"

# the bench handlers (one class, only @Handler from the API), compiled here and added to both EARs' lib/
javac -d "$work/bench/classes" -cp "$root/pitaya-api/target/classes" \
  "$root"/benchmarks/app/src/main/java/io/pitaya/benchmarks/Bench.java
cp "$root/benchmarks/app/src/main/resources/META-INF/beans.xml" "$work/bench/classes/META-INF/"
mkdir -p "$work/ears/lib"
(cd "$work/bench/classes" && jar cf "$work/ears/lib/pitaya-benchmarks-app.jar" .)
for ear in connector room; do
  cp "$root/examples/cluster/$ear-ear/target/$ear.ear" "$work/ears/"
  (cd "$work/ears" && jar uf "$ear.ear" lib/pitaya-benchmarks-app.jar)
done

# ---- NATS, etcd, two WildFly ---------------------------------------------------------------------------------------
for port in $nats_port $etcd_port $etcd_peer_port 8080 9990 3250 8180 10090; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use: another server is running. Stop it first." >&2
    exit 1
  fi
done
pids=()
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

nats-server -a 127.0.0.1 -p $nats_port > "$work/nats.log" 2>&1 &
nats_pid=$!
pids+=($nats_pid)
etcd --name bench --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster "bench=http://127.0.0.1:$etcd_peer_port" --log-level warn > "$work/etcd.log" 2>&1 &
etcd_pid=$!
pids+=($etcd_pid)

start_wildfly() { # name ear offset extra-options...
  local name="$1" ear="$2" offset="$3"; shift 3
  local base="$work/$name"
  cp -r "$wildfly/standalone" "$base"
  rm -rf "$base/log" "$base/data" "$base/tmp" "$base/deployments/"*
  cp "$work/ears/$ear" "$base/deployments/"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/$name.pid" "$wildfly/bin/standalone.sh" \
    -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" -b 127.0.0.1 \
    -Dpitaya.server.id="$name" -Dpitaya.handler.messages.compression=false \
    -Dpitaya.cluster.sd.etcd.endpoints="http://127.0.0.1:$etcd_port" \
    -Dpitaya.cluster.rpc.server.nats.connect="nats://127.0.0.1:$nats_port" \
    -Dpitaya.cluster.rpc.client.nats.connect="nats://127.0.0.1:$nats_port" "$@" > "$base/console.log" 2>&1 &
  pids+=($!)
}
await_wildfly() { # name ear
  local base="$work/$1"
  for _ in $(seq 1 240); do
    if [ -f "$base/deployments/$2.deployed" ]; then pids+=("$(cat "$work/$1.pid")"); return 0; fi
    if [ -f "$base/deployments/$2.failed" ]; then echo "$1: $2 failed to deploy; see $base/log/server.log" >&2; exit 1; fi
    sleep 1
  done
  echo "$1: $2 did not deploy; see $base/log/server.log" >&2; exit 1
}
echo "Starting nats-server, etcd, room (offset 100) and connector (offset 0) on WildFly $wildfly_version..."
start_wildfly room room.ear 100
start_wildfly connector connector.ear 0 -Dpitaya.acceptor.tcp.host=127.0.0.1 -Dpitaya.acceptor.tcp.port=3250
await_wildfly room room.ear
await_wildfly connector connector.ear
connector_pid="$(cat "$work/connector.pid")"
room_pid="$(cat "$work/room.pid")"

lg() {
  # shellcheck disable=SC2086
  java $client_java_opts -cp "$classpath" io.pitaya.client.load.LoadGenerator --threads "$threads" "$@"
}
# the room must be known to the connector before measuring: one request until it answers without error
for _ in $(seq 1 60); do
  if lg --url tcp://127.0.0.1:3250 --scenario request --connections 1 --duration 1s --warmup 0s \
       --route room.bench.ping --payload "$payload" --quiet --json 2>/dev/null | grep -q '"errors":0,'; then break; fi
  sleep 1
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ours_ticks() { echo $(( $(cpu_ticks "$connector_pid") + $(cpu_ticks "$room_pid") + $(cpu_ticks "$nats_pid") + $(cpu_ticks "$etcd_pid") )); }
header() {
  printf '\n=== %s ===\n' "$*"
  # other work on these cores lowers every number: measure what else (not the servers, NATS, etcd) uses the CPU
  local a b total=0 i o0 o1
  a=($(head -n 1 /proc/stat)); o0=$(ours_ticks)
  sleep 1
  b=($(head -n 1 /proc/stat)); o1=$(ours_ticks)
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local busy=$(( total > 0 ? 100 * (total - (b[4] - a[4]) - (b[5] - a[5]) - (o1 - o0)) / total : 0 ))
  [ "$busy" -lt 0 ] && busy=0
  echo "CPU used by other processes just before this run: ${busy}%$([ "$busy" -gt 15 ] && echo " -- WARNING: the numbers will be low")"
}

for target in $targets; do
  case "$target" in
    forward) route=room.bench.ping ;;
    local) route=connector.bench.ping ;;
    *) echo "unknown target $target (forward local)" >&2; exit 2 ;;
  esac
  for n in $connections; do
    echo "$target $route" >>"$work/labels"
    header "$target: $route over TCP, $n connections, closed loop, $duration after $warmup warm-up"
    lg --url tcp://127.0.0.1:3250 --scenario request --connections "$n" --duration "$duration" --warmup "$warmup" \
      --route "$route" --payload "$payload" --json-out "$results" || echo "(load generator exited with $?)"
  done
done

printf '\n=== summary (machine: %s cores, %s; WildFly %s; generator, 2 servers, NATS and etcd on the same machine) ===\n' \
  "$(nproc)" "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$wildfly_version"
if [ -s "$results" ]; then
  j() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2"; }
  while IFS= read -r line && IFS= read -r label <&3; do
    printf '%-30s %4s conns %8.0f req/s  p50 %s  p99 %s  p99.9 %s  max %s ms  errors %s\n' \
      "$label" "$(j connectionsTarget "$line")" "$(j throughput "$line")" "$(j p50Ms "$line")" \
      "$(j p99Ms "$line")" "$(j p999Ms "$line")" "$(j maxMs "$line")" "$(j errors "$line")"
  done <"$results" 3<"$work/labels"
fi
echo "Raw results: $results"
