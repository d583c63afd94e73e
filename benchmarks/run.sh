#!/usr/bin/env bash
# Benchmarks Pitaya on WildFly with the project's load generator (pitaya-loadgen, io.pitaya.client.load.LoadGenerator):
# builds the EAR + WildFly + load generator, adds the bench handlers (benchmarks/app) to the demo EAR, starts its own
# WildFly, runs the scenarios and prints the numbers. The generator and the server share this machine.
#
#   benchmarks/run.sh                               # everything, about 4 min with an up-to-date build
#   benchmarks/run.sh --scenarios ws-request,ws-idle --duration 10s
#   SKIP_BUILD=1 benchmarks/run.sh --scenarios tcp-request
#
# Scenarios: ws-request tcp-request ws-fanout tcp-fanout ws-idle tcp-idle (TCP ones are skipped, with a note,
# when nothing listens on the TCP acceptor's port). Results: benchmarks/target/run/results.jsonl (one JSON line
# per scenario) and the server's log under benchmarks/target/run/server/log/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# idle last: by then WildFly's start-up threads have timed out (their exit would blur the RSS difference)
scenarios="${SCENARIOS:-ws-request,tcp-request,ws-fanout,tcp-fanout,tcp-idle,ws-idle}"
duration="${DURATION:-20s}"                 # measured time of request scenarios
warmup="${WARMUP:-5s}"
connections="${CONNECTIONS:-100}"
route="${ROUTE:-bench.ping}"
payload="${PAYLOAD:-"{}"}"
threads="${THREADS:-1}"                     # selector threads of the generator
fanout_duration="${FANOUT_DURATION:-15s}"
fanout_members="${FANOUT_MEMBERS:-100}"
fanout_senders="${FANOUT_SENDERS:-10}"
fanout_rate="${FANOUT_RATE:-0}"             # 0: senders paced only by their own echo
idle_connections="${IDLE_CONNECTIONS:-10000}"
idle_hold="${IDLE_HOLD:-15s}"
connect_rate="${CONNECT_RATE:-1000}"
heartbeat="${HEARTBEAT:-30s}"               # pitaya.heartbeat.interval on the server
port_offset="${PORT_OFFSET:-0}"           # jboss.socket.binding.port-offset (also added to the TCP port)
ws_url="${WS_URL:-}"
tcp_port="${TCP_PORT:-}"
skip_build="${SKIP_BUILD:-0}"
ear="${EAR:-}"                              # benchmark this EAR instead of ear/target/pitaya.ear
jfr="${JFR:-0}"                             # 1: record a JFR profile of the server during the run
client_java_opts="${CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx1g}"

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  cat <<USAGE
Options (or the environment variable in brackets):
  --scenarios LIST        comma-separated [SCENARIOS] (default $scenarios)
  --duration D            request scenarios' measured time [DURATION] (default $duration)
  --warmup D              [WARMUP] (default $warmup)
  --connections N         request scenarios [CONNECTIONS] (default $connections)
  --route R / --payload P request route and payload [ROUTE, PAYLOAD] (default $route '$payload')
  --threads N             generator selector threads, 1 or 2 [THREADS] (default $threads)
  --fanout-duration D     [FANOUT_DURATION] (default $fanout_duration)
  --fanout-members N      [FANOUT_MEMBERS] (default $fanout_members)
  --fanout-senders N      [FANOUT_SENDERS] (default $fanout_senders)
  --fanout-rate N         cap on chat lines/s over all senders, 0 = echo-paced only [FANOUT_RATE] (default $fanout_rate)
  --idle-connections N    [IDLE_CONNECTIONS] (default $idle_connections)
  --idle-hold D           how long the idle connections are held [IDLE_HOLD] (default $idle_hold)
  --connect-rate N        connections opened per second [CONNECT_RATE] (default $connect_rate)
  --heartbeat D           server's pitaya.heartbeat.interval [HEARTBEAT] (default $heartbeat)
  --port-offset N         shift WildFly's ports and the TCP port, to run beside another server [PORT_OFFSET] (default 0)
  --tcp-port N            TCP acceptor port [TCP_PORT] (default 3250 + offset)
  --skip-build            reuse the last build [SKIP_BUILD=1]
  --ear PATH              benchmark this pitaya.ear instead of the built one [EAR]
  --jfr                   record a JFR profile of the server [JFR=1]
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --route) route="$2"; shift 2 ;;
    --payload) payload="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --fanout-duration) fanout_duration="$2"; shift 2 ;;
    --fanout-members) fanout_members="$2"; shift 2 ;;
    --fanout-senders) fanout_senders="$2"; shift 2 ;;
    --fanout-rate) fanout_rate="$2"; shift 2 ;;
    --idle-connections) idle_connections="$2"; shift 2 ;;
    --idle-hold) idle_hold="$2"; shift 2 ;;
    --connect-rate) connect_rate="$2"; shift 2 ;;
    --heartbeat) heartbeat="$2"; shift 2 ;;
    --tcp-port) tcp_port="$2"; shift 2 ;;
    --port-offset) port_offset="$2"; shift 2 ;;
    --skip-build) skip_build=1; shift ;;
    --ear) ear="$2"; shift 2 ;;
    --jfr) jfr=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

ws_url="${ws_url:-ws://127.0.0.1:$((8080 + port_offset))/}"
tcp_port="${tcp_port:-$((3250 + port_offset))}"
work="$root/benchmarks/target/run"
base="$work/server"
results="$work/results.jsonl"

# ---- build ---------------------------------------------------------------------------------------------------
if [ "$skip_build" != 1 ]; then
  echo "Building the EAR, WildFly and the load generator..."
  mvn -q -B install -DskipTests -pl ear,server,pitaya-loadgen -am
  mvn -q -B -f benchmarks/app/pom.xml package
fi
mkdir -p "$work"
if [ "$skip_build" != 1 ] || [ ! -s "$work/loadgen.cp" ]; then
  mvn -q -B -pl pitaya-loadgen dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/loadgen.cp"
fi
loadgen_jar="$(ls "$root"/pitaya-loadgen/target/pitaya-loadgen-*.jar | grep -v -e sources -e tests | head -n 1)"
classpath="$loadgen_jar:$(cat "$work/loadgen.cp")"
bench_jar="$(ls "$root"/benchmarks/app/target/pitaya-benchmarks-app-*.jar | head -n 1)"
wildfly="$(ls -d "$root"/server/target/wildfly-*/ | head -n 1)"
wildfly_version="$(basename "$wildfly" | sed 's/^wildfly-//')"

# ---- the EAR: the demo plus the bench handlers in lib/ ----------------------------------------------------------
rm -rf "$base" "$work/ear" "$results"
mkdir -p "$work/ear/lib"
cp "${ear:-$root/ear/target/pitaya.ear}" "$work/ear/pitaya.ear"
cp "$bench_jar" "$work/ear/lib/pitaya-benchmarks-app.jar"
(cd "$work/ear" && jar uf pitaya.ear lib/pitaya-benchmarks-app.jar)
cp -r "$wildfly/standalone" "$base"
rm -rf "$base/log" "$base/data" "$base/tmp" "$base/deployments/"*.ear*
cp "$work/ear/pitaya.ear" "$base/deployments/"

# ---- WildFly -----------------------------------------------------------------------------------------------------
server_script=""
server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    echo "Stopping WildFly (pid $server_pid)..."
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$server_script" ]; then
    kill -TERM "$server_script" 2>/dev/null || true
    wait "$server_script" 2>/dev/null || true
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $((8080 + port_offset)) $((9990 + port_offset)) "$tcp_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use: another server is running. Stop it or use --port-offset N." >&2
    exit 1
  fi
done
echo "Starting WildFly $wildfly_version (base dir $base)..."
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/wildfly.pid" \
  "$wildfly/bin/standalone.sh" -Djboss.server.base.dir="$base" -b 127.0.0.1 \
  -Djboss.socket.binding.port-offset="$port_offset" \
  -Dpitaya.heartbeat.interval="$heartbeat" -Dpitaya.acceptor.tcp.port="$tcp_port" >"$work/console.log" 2>&1 &
server_script=$!
for _ in $(seq 1 180); do
  [ -s "$work/wildfly.pid" ] && server_pid="$(cat "$work/wildfly.pid")"
  if [ -f "$base/deployments/pitaya.ear.deployed" ]; then break; fi
  if [ -f "$base/deployments/pitaya.ear.failed" ] || ! kill -0 "$server_script" 2>/dev/null; then
    echo "Deployment failed; see $base/log/server.log" >&2; exit 1
  fi
  sleep 1
done
[ -f "$base/deployments/pitaya.ear.deployed" ] || { echo "Deployment timed out; see $base/log/server.log" >&2; exit 1; }
[ -n "$server_pid" ] || server_pid="$(cat "$work/wildfly.pid")"
echo "WildFly is up (pid $server_pid), pitaya.ear deployed with the bench handlers."

if [ "$jfr" = 1 ]; then
  jcmd "$server_pid" JFR.start name=bench settings=profile filename="$work/server.jfr" >/dev/null
  echo "JFR recording to $work/server.jfr"
fi

# ---- helpers -------------------------------------------------------------------------------------------------------
lg_unrecorded() {
  # shellcheck disable=SC2086
  java $client_java_opts -cp "$classpath" io.pitaya.client.load.LoadGenerator --threads "$threads" \
    --connect-rate "$connect_rate" "$@"
}
lg() { lg_unrecorded --json-out "$results" "$@"; }

tcp_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port") 2>/dev/null
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status"; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$server_pid/status"; }
heap_kb() { # "used committed" of the Java heap, in KB
  jcmd "$server_pid" GC.heap_info 2>/dev/null | sed -n 's/.*heap *total \([0-9]*\)K, used \([0-9]*\)K.*/\2 \1/p' | head -n 1
}
full_gc() {
  jcmd "$server_pid" GC.run >/dev/null
  sleep 2
  jcmd "$server_pid" GC.run >/dev/null # the first one may leave what finalizers/cleaners free for the second
  sleep 2
}

header() {
  printf '\n=== %s ===\n' "$*"
  # other work on these cores lowers every number: measure what else uses the CPU just before the run
  local a b s0 s1 total=0 i
  a=($(head -n 1 /proc/stat)); s0=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  sleep 1
  b=($(head -n 1 /proc/stat)); s1=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local busy=$(( total > 0 ? 100 * (total - (b[4] - a[4]) - (b[5] - a[5]) - (s1 - s0)) / total : 0 ))
  [ "$busy" -lt 0 ] && busy=0
  echo "CPU used by other processes just before this run: ${busy}%$([ "$busy" -gt 15 ] && echo " -- WARNING: the numbers will be low")"
}

request() { # transport url
  header "$1 request: $connections connections, closed loop, $route, ${duration} after ${warmup} warm-up"
  lg --url "$2" --scenario request --connections "$connections" --duration "$duration" --warmup "$warmup" \
    --route "$route" --payload "$payload" || echo "(load generator exited with $?)"
}

fanout() { # transport url
  local rate=()
  [ "$fanout_rate" != 0 ] && rate=(--message-rate "$fanout_rate")
  header "$1 fanout: $fanout_members members in room.join, $fanout_senders senders$([ "$fanout_rate" != 0 ] && echo " capped at $fanout_rate lines/s"), ${fanout_duration}"
  lg --url "$2" --scenario fanout --connections "$fanout_members" --senders "$fanout_senders" ${rate[@]+"${rate[@]}"} \
    --duration "$fanout_duration" --warmup "$warmup" || echo "(load generator exited with $?)"
}

idle() { # transport url
  header "$1 idle: $idle_connections connections opened at $connect_rate/s, held ${idle_hold}"
  local ready="$work/idle-$1.ready"
  rm -f "$ready"
  # warm-up: the connect / handshake path compiled and its one-time structures allocated before measuring
  lg_unrecorded --url "$2" --scenario idle --connections 1000 --duration 2s --quiet >/dev/null || true
  sleep 2
  # After a full GC, G1 keeps up to 70% of the heap free (MaxHeapFreeRatio): the connections' objects would fit
  # in memory already committed and never show in RSS. Shrink the heap to fit while measuring (a manageable
  # flag, restored afterwards), so RSS follows what the connections really hold.
  jcmd "$server_pid" VM.set_flag MinHeapFreeRatio 0 >/dev/null
  jcmd "$server_pid" VM.set_flag MaxHeapFreeRatio 10 >/dev/null
  full_gc
  local rss0 heap0 threads0
  rss0="$(rss_kb)"; heap0="$(heap_kb)"; threads0="$(threads_of)"
  lg --url "$2" --scenario idle --connections "$idle_connections" --duration "$idle_hold" --ready-file "$ready" &
  local gen=$!
  while [ ! -f "$ready" ] && kill -0 "$gen" 2>/dev/null; do sleep 0.5; done
  local rss1="" heap1="" threads1="" connected=0
  if [ -f "$ready" ]; then
    connected="$(cat "$ready")"
    full_gc
    rss1="$(rss_kb)"; heap1="$(heap_kb)"; threads1="$(threads_of)"
  fi
  wait "$gen" || echo "(load generator exited with $?)"
  jcmd "$server_pid" VM.set_flag MaxHeapFreeRatio 70 >/dev/null
  jcmd "$server_pid" VM.set_flag MinHeapFreeRatio 40 >/dev/null
  if [ -n "$rss1" ] && [ "$connected" -gt 0 ]; then
    set -- "$1" "$connected" ${heap0:-0 0} ${heap1:-0 0}
    awk -v n="$connected" -v r0="$rss0" -v r1="$rss1" -v h0="$3" -v c0="$4" -v h1="$5" -v c1="$6" \
        -v t0="$threads0" -v t1="$threads1" 'BEGIN {
      printf "server memory   RSS %.1f -> %.1f MB with %d connections: %.2f KB/connection (RSS)\n", r0/1024, r1/1024, n, (r1-r0)/n
      printf "                heap used after GC %.1f -> %.1f MB: %.2f KB/connection (heap; committed %.0f -> %.0f MB)\n", h0/1024, h1/1024, (h1-h0)/n, c0/1024, c1/1024
      printf "                threads %d -> %d\n", t0, t1
    }' | tee -a "$work/idle-memory.txt"
    printf '{"scenario":"idle-memory","transport":"%s","connections":%d,"rssBeforeKb":%d,"rssAfterKb":%d,"heapBeforeKb":%d,"heapAfterKb":%d,"heapCommittedBeforeKb":%d,"heapCommittedAfterKb":%d,"threadsBefore":%d,"threadsAfter":%d}\n' \
      "$1" "$connected" "$rss0" "$rss1" "$3" "$5" "$4" "$6" "$threads0" "$threads1" >>"$results"
  fi
  sleep 3 # let the server close them before the next scenario
}

# ---- the runs --------------------------------------------------------------------------------------------------------
tcp_note_printed=0
tcp_available() {
  # the adapter may bind its port a moment after the deployment is reported done (boot-time deployment): wait 5 s
  for _ in $(seq 50); do
    if tcp_open; then return 0; fi
    sleep 0.1
  done
  if [ "$tcp_note_printed" = 0 ]; then
    echo "TCP acceptor not available (nothing listens on 127.0.0.1:$tcp_port); skipping the TCP scenarios."
    tcp_note_printed=1
  fi
  return 1
}

IFS=',' read -r -a todo <<<"$scenarios"
for s in "${todo[@]}"; do
  case "$s" in
    ws-request) request ws "$ws_url" ;;
    tcp-request) tcp_available && request tcp "tcp://127.0.0.1:$tcp_port" || true ;;
    ws-fanout) fanout ws "$ws_url" ;;
    tcp-fanout) tcp_available && fanout tcp "tcp://127.0.0.1:$tcp_port" || true ;;
    ws-idle) idle ws "$ws_url" ;;
    tcp-idle) tcp_available && idle tcp "tcp://127.0.0.1:$tcp_port" || true ;;
    *) echo "unknown scenario $s (ws-request tcp-request ws-fanout tcp-fanout ws-idle tcp-idle)" >&2 ;;
  esac
done

if [ "$jfr" = 1 ]; then
  jcmd "$server_pid" JFR.stop name=bench >/dev/null && echo "JFR profile: $work/server.jfr (jfr print --events jdk.ExecutionSample ...)"
fi

printf '\n=== summary (machine: %s cores, %s; WildFly %s; load generator on the same machine) ===\n' \
  "$(nproc)" "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$wildfly_version"
if [ -s "$results" ]; then
  # one line per result, from the JSON lines (plain sed: no jq needed)
  j() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2"; }
  while IFS= read -r line; do
    sc="$(j scenario "$line")"
    case "$sc" in
      request) printf '%-44s %8.0f req/s  p50 %s  p99 %s  p99.9 %s  max %s ms  errors %s\n' \
        "request $(j url "$line")" "$(j throughput "$line")" "$(j p50Ms "$line")" "$(j p99Ms "$line")" \
        "$(j p999Ms "$line")" "$(j maxMs "$line")" "$(j errors "$line")" ;;
      fanout) printf '%-44s %8.0f pushes/s  %s msgs  echo p50 %s  p99 %s ms  errors %s\n' \
        "fanout $(j url "$line")" "$(j pushesPerSecond "$line")" "$(j messagesSent "$line")" "$(j p50Ms "$line")" \
        "$(j p99Ms "$line")" "$(j errors "$line")" ;;
      idle) printf '%-44s %s/%s connected, %s dropped, %s failed\n' "idle $(j url "$line")" \
        "$(j connected "$line")" "$(j connectionsTarget "$line")" "$(j dropped "$line")" "$(j connectFailures "$line")" ;;
      idle-memory) awk -v n="$(j connections "$line")" -v r0="$(j rssBeforeKb "$line")" -v r1="$(j rssAfterKb "$line")" \
        -v h0="$(j heapBeforeKb "$line")" -v h1="$(j heapAfterKb "$line")" -v t="$(j transport "$line")" \
        'BEGIN { printf "%-44s %.2f KB/conn RSS, %.2f KB/conn heap\n", "idle memory (" t ")", (r1-r0)/n, (h1-h0)/n }' ;;
    esac
  done <"$results"
fi
echo "Raw results: $results"
