#!/usr/bin/env bash
# Behaviour snapshot, for refactors that must not change what Readout writes.
#
#   bench/same.sh OUTDIR [ARTICLES] [PAGES]     (defaults: 100000 articles, 500 pages)
#
# Builds the current tree in release mode, ingests the generated corpus of
# ARTICLES articles (the one bench/run.sh uses) into a fresh database, and
# writes under OUTDIR:
#   export.json, export.csv    `readout export` of the whole timeline;
#   pages/NNNN                 the bodies of PAGES responses (HTML pages and
#                              JSON twins, a fixed sample: see urls.txt);
#   urls.txt                   which URL each file holds.
# Compare two snapshots, taken before and after a change, with
#   diff -r BEFORE AFTER && echo identical
# The database always lives at bench/out/same.db so that paths shown in
# pages are the same from one run to the next.
set -euo pipefail
cd "$(dirname "$0")/.."
OUTDIR=${1:?usage: bench/same.sh OUTDIR [ARTICLES] [PAGES]}
N=${2:-100000}
PAGES=${3:-500}
OUT=bench/out
CORPUS=$OUT/corpus-$N
DB=$OUT/same.db
PORT=${READOUT_BENCH_PORT:-3998}
mkdir -p "$OUT"
command -v curl >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq curl >/dev/null; }

. bench/lib.sh
build_with_corpus "$N" "$CORPUS"
BIN=target/release/readout

rm -rf "$OUTDIR" && mkdir -p "$OUTDIR/pages"
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "== ingest" >&2
"$BIN" ingest "$CORPUS" --db "$DB" > /dev/null
echo "== export" >&2
"$BIN" export --db "$DB" --format json > "$OUTDIR/export.json"
"$BIN" export --db "$DB" --format csv > "$OUTDIR/export.csv"

echo "== serve" >&2
"$BIN" serve -v --db "$DB" --data "$CORPUS" --addr "127.0.0.1:$PORT" > "$OUT/same-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/actors"; do sleep 0.05; done
# Pages are taken once the folder check and the search index are complete,
# so that search results do not depend on how far the indexer got.
until grep -q "ingested" "$OUT/same-serve.log"; do sleep 0.1; done
until grep -q "all article texts indexed" "$OUT/same-serve.log"; do sleep 0.2; done

# The sample: the fixed pages (every kind of page and twin), then a
# seventh of the rest from each of bench/urls.py's four lists, each path
# also asked as its JSON twin where it has one.
FIXED=22
per=$(( (PAGES - FIXED) / 7 ))
python3 bench/urls.py "$DB" "$OUTDIR" "$per" 2>/dev/null
{
  actor=$(head -1 "$OUTDIR/urls-actor.txt" | sed 's|^/actors/||')
  read -r day article < <(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT MIN(date) FROM events").fetchone()[0], c.execute("SELECT MIN(id) FROM articles").fetchone()[0])' "$DB")
  printf '%s\n' / /api/events /actors /api/actors /articles /api/articles \
    "/search?q=talks" "/api/search?q=talks" "/search?q=ceasefire" \
    "/?kind=demand" "/?kind=call&kind=talks" "/api/events?kind=statement" \
    "/calendar.ics" "/api/events.csv" "/api/actors.csv" "/dates/$day" "/api/dates/$day" \
    "/articles/$article" "/api/articles/$article" "/?actor=$actor" "/network?actor=$actor" "/api/network?actor=$actor"
  for page in timeline event actor api; do head -n "$per" "$OUTDIR/urls-$page.txt"; done
  for page in timeline event actor; do
    head -n "$per" "$OUTDIR/urls-$page.txt" |
      sed 's|^/?|/api/events?|; s|^/events/|/api/events/|; s|^/actors/|/api/actors/|'
  done
} > "$OUTDIR/urls.all"
head -n "$PAGES" "$OUTDIR/urls.all" > "$OUTDIR/urls.txt"
rm -f "$OUTDIR"/urls-*.txt "$OUTDIR/urls.all"

i=0
while read -r path; do
  i=$((i + 1))
  code=$(curl -s -o "$OUTDIR/pages/$(printf %04d $i)" -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  echo "$code $path" >> "$OUTDIR/status.txt"
done < "$OUTDIR/urls.txt"
# The calendar stamps each event with the time it was asked for.
sed -i -E 's/^DTSTAMP:[0-9]{8}T[0-9]{6}Z/DTSTAMP:(time of the request)/' "$OUTDIR"/pages/*
echo "== $i responses under $OUTDIR/pages ($(grep -vc '^200 ' "$OUTDIR/status.txt" || true) not 200)" >&2
