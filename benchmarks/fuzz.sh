#!/usr/bin/env bash
# The long fuzz run: every *FuzzTest property (packet framing, message decoder, handshake JSON, agent state machine)
# with TRIES generated inputs each (default 1,000,000: six properties, 6 million inputs in all). The normal test run
# uses 1,000 per property. Unit tests only: needs no server and no lock. Full output in target/fuzz.log.
#   benchmarks/fuzz.sh [TRIES]
set -uo pipefail
cd "$(dirname "$0")/.."
tries="${1:-1000000}"
mkdir -p target
start=$(date +%s)
mvn -B -pl pitaya-protocol,pitaya-core -am verify -DskipITs \
  -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.tries="$tries" > target/fuzz.log 2>&1
status=$?
grep -a -E 'Tests run:.*Fuzz|checks =|FAIL|BUILD' target/fuzz.log
echo "fuzz run with $tries tries per property: exit $status after $(( $(date +%s) - start )) s"
exit $status
