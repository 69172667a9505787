#!/usr/bin/env bash
# Readout benchmark: one command from a fresh clone.
#
#   bench/run.sh [ARTICLES] [SECONDS]      (defaults: 100000 articles, 10 s per load)
#
# Builds in release mode, generates a deterministic corpus, times the ingest
# of its files from disk (articles/s, peak RSS), a re-ingest of the unchanged
# corpus, the start-up of the server on the existing database and the
# addition of one article,
# then loads four pages at 32 connections with wrk on loopback, first one
# URL each (the page cache answers after the first request), then thousands
# of distinct URLs each (bench/urls.py, bench/urls.lua: mostly first renders),
# then the same varied URLs as a browser asks for them (gzip accepted), with
# oha: at full speed, and at a steady 3,000 requests per second offered
# whatever the answers' pace (open loop, latency counted from when each
# request was due, so a stall is not hidden by the requests it delays).
# Prints one table. Everything it writes goes under bench/out/ (oha is
# built there by cargo the first time, a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECS=${2:-10}
OUT=bench/out
CORPUS=$OUT/corpus-$N
DB=$OUT/bench-$N.db
PORT=${READOUT_BENCH_PORT:-3999}
# READOUT_BENCH_CORRECTIONS=N: the analyst's corrections and notes in the
# data folder (bench/corrections.py), applied at every ingest (issue 21).
CORRECTIONS=${READOUT_BENCH_CORRECTIONS:-0}
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }
need curl curl
OHA=$(command -v oha || echo "$OUT/tools/bin/oha")
if [ ! -x "$OHA" ]; then
  echo "== installing oha (load generator) under $OUT/tools" >&2
  cargo install oha --locked --quiet --root "$OUT/tools" >&2
fi

. bench/lib.sh
build_with_corpus "$N" "$CORPUS"
BIN=target/release/readout

rm -f "$DB" "$DB-wal" "$DB-shm" "$CORPUS/corrections.toml"
# The first ingest reads the corpus from disk, as files copied in a while
# ago (a corpus just generated, or read by an earlier run, may or may not
# still be in the cache, which made the figure depend on the host's mood).
python3 bench/evict.py "$CORPUS"
echo "== ingest" >&2
/usr/bin/time -v "$BIN" ingest "$CORPUS" --db "$DB" > "$OUT/ingest.txt" 2> "$OUT/ingest.time"
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); s=0; for(i=1;i<=length(a);i++) s=s*60+a[i]; print s}' "$OUT/ingest.time")
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$OUT/ingest.time")
rate=$(awk -v n="$N" -v s="$secs" 'BEGIN {printf "%.0f", n/s}')
events=$(awk -F': ' '/events in the timeline/ {print $2}' "$OUT/ingest.txt")

/usr/bin/time -v "$BIN" ingest "$CORPUS" --db "$DB" > /dev/null 2> "$OUT/reingest.time"
resecs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); s=0; for(i=1;i<=length(a);i++) s=s*60+a[i]; print s}' "$OUT/reingest.time")

# One new article into the big database.
ONE=$OUT/one-new
rm -rf "$ONE" && mkdir -p "$ONE"
printf ' date 2026-03-02\nForeign Minister Ann Benchmark met Foreign Minister Bob Benchmark in Geneva on Monday.\n' > "$ONE/new.txt"
/usr/bin/time -v "$BIN" ingest "$ONE" --db "$DB" > /dev/null 2> "$OUT/one.time"
onesecs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); s=0; for(i=1;i<=length(a);i++) s=s*60+a[i]; print s}' "$OUT/one.time")

corrsecs=""
if [ "$CORRECTIONS" -gt 0 ]; then
  python3 bench/corrections.py "$DB" "$CORPUS" "$CORRECTIONS"
  /usr/bin/time -v "$BIN" ingest "$CORPUS" --db "$DB" > /dev/null 2> "$OUT/corrections.time"
  corrsecs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); s=0; for(i=1;i<=length(a);i++) s=s*60+a[i]; print s}' "$OUT/corrections.time")
fi

echo "== serve" >&2
start=$(date +%s%N)
"$BIN" serve -v --db "$DB" --data "$CORPUS" --addr "127.0.0.1:$PORT" > "$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/actors"; do sleep 0.01; done
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# The server checks the folder in the background; load it once that is done.
until grep -q "ingested" "$OUT/serve.log"; do sleep 0.05; done
check=$(grep -o "ingested [^:]* in [^:]*:" "$OUT/serve.log" | sed 's/.* in //; s/:$//')
# And once the background search index holds every article text (its
# batches would otherwise empty the page cache during the load).
until grep -q "all article texts indexed" "$OUT/serve.log"; do sleep 0.2; done
indexed=$(grep -o "all article texts indexed.*" "$OUT/serve.log" | head -1 | sed 's/all article texts indexed//; s/^ *//')

# Pick a busy actor, a date range and an event from the data itself.
actor=$(curl -s "http://127.0.0.1:$PORT/api/actors" | python3 -c 'import json,sys; print(json.load(sys.stdin)["actors"][0]["actor"]["id"])')
event=$(curl -s "http://127.0.0.1:$PORT/api/events?actor=$actor" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')
filtered="/?actor=$actor&from=2023-06-01&to=2024-06-30"

load() {
  local path=$1
  # The first request renders the page (cold); the load then measures the
  # page cache, which keeps pages until the database changes.
  local cold
  cold=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT$path" | awk '{printf "%.1f ms", $1*1000}')
  wrk -t2 -c32 -d"${SECS}s" --latency "http://127.0.0.1:$PORT$path" > "$OUT/wrk.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$OUT/wrk.txt" | tr '\n' ' ')
  printf "| %-40s | %10s | %8s | %8s | %s |\n" "$path" "$cold" "$rps" "$p99" "${errors:-0}"
}

echo
echo "Readout benchmark: $N articles, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| ingest, end to end | $secs s, $rate articles/s |"
echo "| ingest peak RSS | $rss MB |"
echo "| events in the timeline | $events |"
echo "| re-ingest, nothing changed | $resecs s |"
echo "| add one article | $onesecs s |"
if [ -n "$corrsecs" ]; then
  echo "| ingest applying $CORRECTIONS corrections and notes (nothing else changed) | $corrsecs s |"
fi
echo "| server start-up on the existing database (serving) | $startup_ms ms |"
echo "| its background check of the $N files (nothing changed) | $check |"
echo "| its background search index of the article texts | ${indexed:-(already complete)} |"
echo
echo "| page (wrk -t2 -c32 -d${SECS}s) | first (cold) | req/s | p99 | errors |"
echo "|---|---|---|---|---|"
load "$filtered"
load "/events/$event"
load "/actors/$actor"
load "/api/events"

python3 bench/urls.py "$DB" "$OUT" 20000 2>/dev/null
echo
echo "| page, varied URLs (wrk -t2 -c32 -d${SECS}s) | distinct URLs | req/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for page in timeline event actor api; do
  URLS="$OUT/urls-$page.txt" wrk -t2 -c32 -d"${SECS}s" --timeout 30s --latency -s bench/urls.lua "http://127.0.0.1:$PORT" > "$OUT/wrk-varied.txt" 2>&1
  n=$(wc -l < "$OUT/urls-$page.txt")
  awk -v p="$page" -v n="$n" '/Requests\/sec/ {r=$2} $1=="50%" {m=$2} $1=="99%" {q=$2} /Non-2xx|Socket errors/ {e=e $0 " "} END {printf "| %s | %d | %.0f | %s | %s | %s |\n", p, n, r, m, q, (e=="" ? "0" : e)}' "$OUT/wrk-varied.txt"
done

# As browsers ask (gzip accepted), with oha: full speed, then 3,000 req/s.
summary() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ok = d["statusCodeDistribution"].get("200", 0)
bad = sum(n for c, n in d["statusCodeDistribution"].items() if c != "200")
# Requests still in flight when the run ends are not failures.
err = sum(n for e, n in d["errorDistribution"].items() if "deadline" not in e)
p = d["latencyPercentiles"]
ms = lambda s: "%.2fms" % (s * 1000)
print(round(d["summary"]["requestsPerSec"]), ms(p["p50"]), ms(p["p99"]), ms(p["p99.9"]), bad + err, sep=" | ")
' "$1"
}
echo
echo "| page, varied URLs, gzip clients (oha -c32 -z${SECS}s) | full speed: req/s | p50 | p99 | p99.9 | errors | 3,000 req/s offered: req/s | p50 | p99 | p99.9 | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for page in timeline event actor api; do
  sed "s|^|http://127.0.0.1:$PORT|" "$OUT/urls-$page.txt" > "$OUT/oha-urls.txt"
  "$OHA" --urls-from-file "$OUT/oha-urls.txt" -c 32 -z "${SECS}s" --no-tui --output-format json \
    -H 'Accept-Encoding: gzip, deflate, br' > "$OUT/oha-full.json" 2>/dev/null
  "$OHA" --urls-from-file "$OUT/oha-urls.txt" -c 32 -q 3000 -z "${SECS}s" --latency-correction --no-tui \
    --output-format json -H 'Accept-Encoding: gzip, deflate, br' > "$OUT/oha-3000.json" 2>/dev/null
  echo "| $page | $(summary "$OUT/oha-full.json") | $(summary "$OUT/oha-3000.json") |"
done
