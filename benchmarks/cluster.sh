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
#   FRONTENDS="1 2" benchmarks/cluster.sh     # also: does the hop's throughput grow with a second connector? (~7 min)
#
# FRONTENDS="1 2" starts a second connector (offset 200, TCP 3450) and, after the runs above, drives the forward
# route with SCALING_CONNECTIONS (100) connections from two generator processes, both on connector-1, then one on
# each connector: the same load and the same processes, only the number of frontends serving it changes. Connector-2
# first gets as much warm-up as connector-1 had from the forward run at 100 connections; SCALING_ROUNDS (2) rounds
# alternate the two set-ups. For each run it samples the CPU of every process (in % of one core; the machine has
# nproc x 100 %) and the machine's idle time inside the measured window, so a flat result can be told apart from a
# saturated machine.
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
frontends="${FRONTENDS:-1}"
scaling_connections="${SCALING_CONNECTIONS:-100}"
scaling_rounds="${SCALING_ROUNDS:-2}"
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
# with -am and package in the same run, the project's own jars resolve from the reactor (nothing is installed; the
# last module to write the file is pitaya-loadgen)
mvn -q -B -o -pl pitaya-loadgen -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/loadgen.cp"
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
scaling=0
case " $frontends " in *" 2 "*) scaling=1 ;; esac
for port in $nats_port $etcd_port $etcd_peer_port 8080 9990 3250 8180 10090 $([ "$scaling" = 1 ] && echo 8280 10190 3450); do
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
[ "$scaling" = 1 ] && start_wildfly connector-2 connector.ear 200 -Dpitaya.acceptor.tcp.host=127.0.0.1 \
  -Dpitaya.acceptor.tcp.port=3450
await_wildfly room room.ear
await_wildfly connector connector.ear
[ "$scaling" = 1 ] && await_wildfly connector-2 connector.ear
connector_pid="$(cat "$work/connector.pid")"
room_pid="$(cat "$work/room.pid")"
connector2_pid="$([ "$scaling" = 1 ] && cat "$work/connector-2.pid" || echo "")"

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
ours_ticks() { echo $(( $(cpu_ticks "$connector_pid") + $(cpu_ticks "$room_pid") + $(cpu_ticks "$nats_pid") + $(cpu_ticks "$etcd_pid")
  + $([ -n "$connector2_pid" ] && cpu_ticks "$connector2_pid" || echo 0) )); }
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

# ---- scaling: the same load on one connector, then split over two -----------------------------------------------
seconds() { case "$1" in *ms) echo 0 ;; *s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *) echo "$1" ;; esac; }
if [ "$scaling" = 1 ]; then
  half=$(( scaling_connections / 2 ))
  hz="$(getconf CLK_TCK)"
  warm_s="$(seconds "$warmup")"; run_s="$(seconds "$duration")"
  window=$(( run_s - 2 )) # sampled inside the measured period: from 1 s after the warm-up to 1 s before the end
  [ "$window" -ge 3 ] || { echo "scaling needs DURATION of at least 5s" >&2; exit 2; }
  # the room must be known to connector-2 too
  for _ in $(seq 1 60); do
    if lg --url tcp://127.0.0.1:3450 --scenario request --connections 1 --duration 1s --warmup 0s \
         --route room.bench.ping --payload "$payload" --quiet --json 2>/dev/null | grep -q '"errors":0,'; then break; fi
    sleep 1
  done
  # connector-1 is warm from the runs above; give connector-2 the same (its JIT would otherwise be measured)
  echo "Warming connector-2 up: room.bench.ping, $scaling_connections connections, $warmup + $duration (not measured)"
  lg --url tcp://127.0.0.1:3450 --scenario request --connections "$scaling_connections" --duration "$duration" \
    --warmup "$warmup" --route room.bench.ping --payload "$payload" --quiet --json > /dev/null || true
  for f in $(for _ in $(seq 1 "$scaling_rounds"); do echo 1 2; done); do
    second_url=tcp://127.0.0.1:3250; [ "$f" = 2 ] && second_url=tcp://127.0.0.1:3450
    header "scaling: room.bench.ping, $scaling_connections connections from 2 generators ($half each), $f connector(s)"
    out_a="$(mktemp "$work/scaling-$f-a.XXXX.json")"; out_b="$(mktemp "$work/scaling-$f-b.XXXX.json")"
    # shellcheck disable=SC2086
    java $client_java_opts -cp "$classpath" io.pitaya.client.load.LoadGenerator --threads "$threads" \
      --url tcp://127.0.0.1:3250 --scenario request --connections "$half" --duration "$duration" --warmup "$warmup" \
      --route room.bench.ping --payload "$payload" --quiet --json > "$out_a" &
    gen_a=$!
    # shellcheck disable=SC2086
    java $client_java_opts -cp "$classpath" io.pitaya.client.load.LoadGenerator --threads "$threads" \
      --url "$second_url" --scenario request --connections "$half" --duration "$duration" --warmup "$warmup" \
      --route room.bench.ping --payload "$payload" --quiet --json > "$out_b" &
    gen_b=$!
    sleep $(( warm_s + 1 ))
    names=(connector-1 connector-2 room nats etcd generators)
    sample() { echo "$(cpu_ticks "$connector_pid") $(cpu_ticks "$connector2_pid") $(cpu_ticks "$room_pid") \
      $(cpu_ticks "$nats_pid") $(cpu_ticks "$etcd_pid") $(( $(cpu_ticks "$gen_a") + $(cpu_ticks "$gen_b") ))"; }
    p0=($(sample)); s0=($(head -n 1 /proc/stat))
    sleep "$window"
    p1=($(sample)); s1=($(head -n 1 /proc/stat))
    wait "$gen_a" "$gen_b" || true
    total=0; for i in 1 2 3 4 5 6 7 8; do total=$((total + s1[i] - s0[i])); done
    idle=$(( 100 * (s1[4] - s0[4] + s1[5] - s0[5]) / total ))
    cpu=""
    for i in 0 1 2 3 4 5; do cpu+="$(printf '%s %d%%, ' "${names[i]}" $(( 100 * (p1[i] - p0[i]) / (hz * window) )))"; done
    a="$(cat "$out_a")"; b="$(cat "$out_b")"
    num() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2"; }
    line="$(printf '%s connector(s): %6.0f req/s (%.0f + %.0f)  p99 %s / %s ms  errors %s + %s  machine idle %d%%  CPU (%% of one core): %s' \
      "$f" "$(awk -v a="$(num throughput "$a")" -v b="$(num throughput "$b")" 'BEGIN {print a + b}')" "$(num throughput "$a")" \
      "$(num throughput "$b")" "$(num p99Ms "$a")" "$(num p99Ms "$b")" "$(num errors "$a")" "$(num errors "$b")" \
      "$idle" "${cpu%, }")"
    echo "$line" | tee -a "$work/scaling.txt"
  done
fi

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
[ -s "$work/scaling.txt" ] && { echo "Frontend scaling (forward route, $scaling_connections connections):"; cat "$work/scaling.txt"; }
echo "Raw results: $results"
