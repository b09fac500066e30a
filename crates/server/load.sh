#!/usr/bin/env bash
# The load test of README "The web app": a release `noc serve` on
# loopback over the official NOC 2021 data, loaded for a bounded time by
# the `load` example. Prints requests/s, latency and the server's memory.
#
#   crates/server/load.sh [DATA_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-${NOC_TEST_DATA:-../shared/data}/noc2021}"
seconds="${2:-20}"
connections="${3:-8}"

cargo build --release --locked --bin noc -p noc-cli
cargo build --release --locked -p noc-server --example load
home="$(mktemp -d)"
out="$home/serve.out"
NOC_HOME="$home" target/release/noc serve --port 0 --data "$data" >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 300); do
    grep -q 'http://' "$out" 2>/dev/null && break
    sleep 0.1
done
addr="$(grep -o 'http://[0-9.:]*' "$out" | head -1 | sed 's|http://||')"
[ -n "$addr" ] || { echo "load.sh: noc serve did not start" >&2; exit 1; }
echo "noc serve (pid $pid) on $addr, $(nproc) cores"
target/release/examples/load "$addr" --seconds "$seconds" \
    --connections "$connections" --pid "$pid"
