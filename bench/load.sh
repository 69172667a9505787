#!/usr/bin/env bash
# Sustained load while an ingest runs (issue 5): one command from a fresh clone.
#
#   bench/load.sh [ARTICLES] [SECONDS] [CONNECTIONS]   (defaults: 100000, 60, 64)
#
# Serves the ARTICLES-article database that bench/run.sh builds (building it
# first if it is missing), loads a mix of timeline, event, actor and
# /api/events URLs (thousands of distinct ones, from bench/urls.py) with wrk
# on loopback, and five seconds in starts `readout ingest` of 5,000 new
# articles into the same database from a second process. Prints requests,
# errors and latency; exits 1 if any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECS=${2:-60}
CONNS=${3:-64}
OUT=bench/out
CORPUS=$OUT/corpus-$N
DB=$OUT/bench-$N.db
BATCH=$OUT/load-batch
PORT=${READOUT_BENCH_PORT:-3998}
mkdir -p "$OUT" "$OUT/empty"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl

cargo build --release --quiet --bin readout --example gen_corpus
BIN=target/release/readout
if [ ! -f "$DB" ]; then
  [ -d "$CORPUS" ] || target/release/examples/gen_corpus --articles "$N" --out "$CORPUS" >&2
  echo "== building $DB" >&2
  "$BIN" ingest "$CORPUS" --db "$DB" >/dev/null
fi
# New articles for the ingest under load (another seed: other events).
rm -rf "$BATCH"
target/release/examples/gen_corpus --articles 5000 --out "$BATCH" --seed 7 >&2

python3 bench/urls.py "$DB" "$OUT" 5000 2>/dev/null
cat "$OUT"/urls-{timeline,event,actor,api}.txt | python3 -c 'import random,sys; l=sys.stdin.read().split(); random.Random(1).shuffle(l); print("\n".join(l))' > "$OUT/urls-mixed.txt"

"$BIN" serve --db "$DB" --data "$OUT/empty" --addr "127.0.0.1:$PORT" > "$OUT/load-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/actors"; do sleep 0.05; done
before=$(curl -s "http://127.0.0.1:$PORT/api/events" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

URLS="$OUT/urls-mixed.txt" wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s --latency -s bench/urls.lua \
  "http://127.0.0.1:$PORT" > "$OUT/wrk-load.txt" 2>&1 &
WRK=$!
sleep 5
start=$(date +%s%N)
"$BIN" ingest "$BATCH" --db "$DB" > "$OUT/load-ingest.txt" 2>&1 || true
ingest_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait $WRK
after=$(curl -s "http://127.0.0.1:$PORT/api/events" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

requests=$(awk '/requests in/ {print $1}' "$OUT/wrk-load.txt")
rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk-load.txt")
p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-load.txt")
p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-load.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-load.txt")
socket=$(awk '/Socket errors/ {sub(/.*Socket errors: /, ""); print}' "$OUT/wrk-load.txt")
errors=${non2xx:-0}

echo
echo "Readout under load while ingesting: $N articles, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| load | wrk -t2 -c$CONNS -d${SECS}s, $(wc -l < "$OUT/urls-mixed.txt") distinct URLs (timeline, event, actor, /api/events) |"
echo "| requests | $requests ($rps per second) |"
echo "| errors | non-2xx: $errors; socket: ${socket:-none} |"
echo "| latency | p50 $p50, p99 $p99 |"
echo "| ingest of 5,000 articles during the load | $ingest_ms ms ($(head -1 "$OUT/load-ingest.txt")) |"
echo "| events before / after | $before / $after |"
if [ "$errors" != "0" ] || [ -n "$socket" ]; then
  exit 1
fi
