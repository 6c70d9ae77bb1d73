#!/bin/sh
# `bench search` against a server started here with SEARCH_ENGINE=$1 (memory or postgres), to
# measure what `bench search` does not: seconds from start until every process serves, and the
# resident memory of each process (after start, and after the run).
#
#   DATABASE_URL=postgres://… flock /tmp/quire-bench.lock nice bench/search-engines.sh postgres [WORKERS] [PORT] [bench search options…]
set -eu
engine=${1:?usage: bench/search-engines.sh memory|postgres [WORKERS] [PORT] [bench search options…]}
workers=${2:-2}
port=${3:-3491}
shift $(($# < 3 ? $# : 3))
cd "$(dirname "$0")/.."
log=$(mktemp)
started=$(date +%s.%N)
SEARCH_ENGINE=$engine RATE_LIMIT_PAGES=off bin/quire serve --port "$port" --no-demo --workers "$workers" >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
until grep -q 'Quire is serving' "$log"; do
  if ! kill -0 $server 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.1
done
serving=$(date +%s.%N)
rss() {
  # The primary and its workers: resident memory in MB each.
  for pid in $server $(pgrep -P $server); do
    echo "$pid $(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$pid/status 2>/dev/null)"
  done | awk '{printf "%s%s MB", (NR > 1 ? ", " : ""), $2} END {print ""}'
}
echo "engine $engine, $workers workers: serving after $(echo "$serving - $started" | bc) s"
echo "rss after start (primary, workers): $(rss)"
echo "load average before the run: $(cat /proc/loadavg)"
bin/quire bench search --json --url "http://127.0.0.1:$port" "$@"
echo "rss after the run (primary, workers): $(rss)"
