#!/usr/bin/env bash
# Runs every test: unit tests, JavaScript client tests, the cluster module's tests against real nats-server and
# etcd, Arquillian tests in a provisioned WildFly and the headless-browser chat test. Installs what is missing
# (Debian packages need root).
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_packages+=(chromium-driver)
command -v node >/dev/null 2>&1 || need_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || need_packages+=(npm)   # the interop test installs a third-party codec from npm
# pitaya-cluster's tests start real NATS and etcd servers
command -v nats-server >/dev/null 2>&1 || need_packages+=(nats-server)
command -v etcd >/dev/null 2>&1 || need_packages+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || need_packages+=(etcd-client)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]}..."
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_packages[@]}"
fi

mvn -B verify "$@"

# The same EAR on Payara Server 6 (provisioned from Maven Central by the server module's payara profile): every
# Arquillian suite except the WildFly-only ones (docs/payara.md), over WebSocket and TCP, in one domain start, so that
# CI fails when either server breaks. Unit tests already ran above (-Dtest=NoSuchTest skips them here).
mvn -B verify -Ppayara -pl integration-tests -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
