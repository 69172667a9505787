#!/usr/bin/env bash
# The Datasette comparison of issue 4, reproducible from a fresh clone:
#
#   bench/datasette.sh [ARTICLES] [SECONDS]     (defaults: 100000, 10)
#
# Installs Datasette 0.65 in a venv under bench/out, copies the events of the
# Readout benchmark database (built by bench/run.sh with the same ARTICLES)
# into a plain SQLite table of its own (one row per event, actors as a
# "|id|id|" column, indexes on date and kind), serves it, and runs the same
# varied-URL loads as bench/run.sh, with the same filters translated into
# Datasette's URL language, at the same concurrency. Prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
SECS=${2:-10}
OUT=bench/out
DB=$OUT/bench-$N.db
DS=$OUT/datasette-$N.db
PORT=${DATASETTE_BENCH_PORT:-4001}
[ -f "$DB" ] || bench/run.sh "$N" "$SECS" >/dev/null
command -v wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
if [ ! -x "$OUT/venv/bin/datasette" ]; then
  echo "== installing Datasette in $OUT/venv" >&2
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q "datasette==0.65.*"
fi

echo "== copying events into $DS" >&2
rm -f "$DS"
python3 - "$DB" "$DS" <<'PY'
import sqlite3, sys
src, dst = sys.argv[1], sys.argv[2]
out = sqlite3.connect(dst)
out.execute("ATTACH DATABASE ? AS r", (f"file:{src}?mode=ro",))
out.executescript("""
CREATE TABLE events (id TEXT PRIMARY KEY, kind TEXT, date TEXT, precision TEXT, title TEXT,
                     actors TEXT, n_articles INTEGER, location TEXT);
INSERT INTO events SELECT e.id, e.kind, e.date, e.precision, e.title,
       '|' || (SELECT group_concat(actor_id, '|') FROM r.event_actors ea WHERE ea.event_id = e.id) || '|',
       e.n_articles, e.location
  FROM r.events e ORDER BY e.sort_key, e.id;
CREATE INDEX events_date ON events(date);
CREATE INDEX events_kind ON events(kind, date);
""")
out.commit()
print(out.execute("SELECT COUNT(*) FROM events").fetchone()[0], "events", file=sys.stderr)
PY

# The same filters as the Readout loads (bench/urls.py), in Datasette's terms.
python3 bench/urls.py "$DB" "$OUT" 20000
python3 - "$OUT" <<'PY'
import sys, urllib.parse as up
out = sys.argv[1]
def ds(path):
    u = up.urlsplit(path)
    q = up.parse_qs(u.query)
    p = [("_sort", "date"), ("_size", "50")]
    for a in q.get("actor", []):
        p.append(("actors__contains", f"|{a}|"))
    for k in q.get("kind", []):
        p.append(("kind__exact", k))
    if "from" in q: p.append(("date__gte", q["from"][0]))
    if "to" in q: p.append(("date__lte", q["to"][0]))
    return p
for name in ["timeline", "event", "actor", "api"]:
    lines = open(f"{out}/urls-{name}.txt").read().split()
    res = []
    for l in lines:
        if name == "event":
            res.append("/datasette/events/" + up.quote(l.split("/events/")[1]))
        elif name == "actor":
            a = l.split("/actors/")[1]
            res.append("/datasette/events?" + up.urlencode([("actors__contains", f"|{a}|"), ("_facet", "kind"), ("_sort", "date")]))
        elif name == "timeline":
            res.append("/datasette/events?" + up.urlencode(ds(l)))
        else:
            res.append("/datasette/events.json?" + up.urlencode(ds(l)))
    open(f"{out}/ds-urls-{name}.txt", "w").write("\n".join(res) + "\n")
PY

echo "== serve" >&2
cp "$DS" "$OUT/datasette.db"
"$OUT/venv/bin/datasette" serve "$OUT/datasette.db" --port "$PORT" --setting sql_time_limit_ms 10000 > "$OUT/datasette.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$PORT/datasette/events.json?_size=1"; do sleep 0.2; done

echo
echo "Datasette 0.65 on the same $(python3 -c "import sqlite3;print(sqlite3.connect('$DS').execute('select count(*) from events').fetchone()[0])") events, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| page, varied URLs (wrk -t2 -c32 -d${SECS}s) | req/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
for page in timeline event actor api; do
  URLS="$OUT/ds-urls-$page.txt" wrk -t2 -c32 -d"${SECS}s" --timeout 30s --latency -s bench/urls.lua "http://127.0.0.1:$PORT" > "$OUT/wrk-ds.txt" 2>&1
  awk -v p="$page" '/Requests\/sec/ {r=$2} $1=="50%" {m=$2} $1=="99%" {q=$2} /Non-2xx|Socket errors/ {e=e $0 " "} END {printf "| %s | %.0f | %s | %s | %s |\n", p, r, m, q, (e=="" ? "0" : e)}' "$OUT/wrk-ds.txt"
done
