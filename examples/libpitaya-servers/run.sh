#!/usr/bin/env bash
# Runs libpitaya's two test servers, written with this project's API, on two WildFly instances:
#   JSON server      TCP 127.0.0.1:3251, TLS 3252   (HTTP/WebSocket on port offset 200: ws://127.0.0.1:8280/)
#   protobuf server  TCP 127.0.0.1:3351, TLS 3352   (port offset 300: ws://127.0.0.1:8380/)
# TLS listeners start only when PITAYA_TLS_CERT and PITAYA_TLS_KEY name PEM files (certificate chain, private key).
# Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

echo "Building the example EAR and provisioning WildFly..."
mvn -q -B install -DskipTests -pl examples/libpitaya-servers/ear,server -am

wildfly="$(ls -d "$root"/server/target/wildfly-*/ | head -n 1)"
ear="$root/examples/libpitaya-servers/ear/target/libpitaya-servers.ear"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; exit 0' INT TERM

start() { # name, port offset, TCP port, extra -D options...
  local name="$1" offset="$2" port="$3"; shift 3
  local base="$root/examples/libpitaya-servers/target/$name"
  rm -rf "$base"; mkdir -p "$(dirname "$base")"
  cp -r "$wildfly/standalone" "$base"
  rm -rf "$base/log" "$base/data" "$base/tmp" "$base/deployments/"*
  cp "$ear" "$base/deployments/"
  local tls=()
  if [ -n "${PITAYA_TLS_CERT:-}" ] && [ -n "${PITAYA_TLS_KEY:-}" ]; then
    tls=(-Dpitaya.acceptor.tcp.listeners=tls -Dpitaya.acceptor.tcp.listener.tls.port=$((port + 1)) -Dpitaya.acceptor.tcp.listener.tls.host=127.0.0.1
         -Dpitaya.acceptor.tcp.listener.tls.tls.cert="$PITAYA_TLS_CERT" -Dpitaya.acceptor.tcp.listener.tls.tls.key="$PITAYA_TLS_KEY")
  fi
  LAUNCH_JBOSS_IN_BACKGROUND=1 "$wildfly/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" \
    -Dpitaya.acceptor.tcp.host=127.0.0.1 -Dpitaya.acceptor.tcp.port="$port" "${tls[@]}" "$@" \
    > "$base/console.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    [ -f "$base/deployments/libpitaya-servers.ear.deployed" ] && return 0
    if [ -f "$base/deployments/libpitaya-servers.ear.failed" ]; then
      echo "$name failed to deploy; see $base/log/server.log" >&2; kill "${pids[@]}"; exit 1
    fi
    sleep 1
  done
  echo "$name did not deploy within 120 s; see $base/log/server.log" >&2; kill "${pids[@]}"; exit 1
}

start json-server 200 3251 -Dpitaya.serializertype=1
start protobuf-server 300 3351 -Dpitaya.serializertype=2
echo
echo "libpitaya's JSON server:     TCP 127.0.0.1:3251$([ -n "${PITAYA_TLS_CERT:-}" ] && echo ", TLS 3252")"
echo "libpitaya's protobuf server: TCP 127.0.0.1:3351$([ -n "${PITAYA_TLS_CERT:-}" ] && echo ", TLS 3352")"
echo "Logs: examples/libpitaya-servers/target/*/log/server.log. Press Ctrl-C to stop."
wait
