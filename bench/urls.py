#!/usr/bin/env python3
"""Write lists of distinct page paths for the varied-URL load.

    bench/urls.py DB OUTDIR [COUNT]

Reads the Readout database (read-only) and writes OUTDIR/urls-<page>.txt for
the four pages of issue 4: a timeline filtered by an actor and a date range,
an event page, an actor page and /api/events with varied filters. Each list
holds COUNT distinct paths in a fixed pseudo-random order (seeded), so runs
can be repeated and the Datasette comparison uses the same filters.
"""
import random
import sqlite3
import sys

db, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
rng = random.Random(42)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

actors = [r[0] for r in con.execute("SELECT actor_id FROM actor_stats ORDER BY events DESC, actor_id LIMIT 400")]
lo, hi = con.execute("SELECT MIN(date), MAX(date) FROM events WHERE date IS NOT NULL").fetchone()
years = list(range(int(lo[:4]), int(hi[:4]) + 1))
kinds = ["call", "talks", "statement", "demand"]


def date_range():
    y = rng.choice(years)
    m = rng.randint(1, 12)
    span = rng.choice([1, 3, 6, 12])
    ey, em = y + (m - 1 + span) // 12, (m - 1 + span) % 12 + 1
    return f"{y:04d}-{m:02d}-01", f"{ey:04d}-{em:02d}-01"


def distinct(make):
    seen, out = set(), []
    for _ in range(count * 20):
        p = make()
        if p not in seen:
            seen.add(p)
            out.append(p)
        if len(out) == count:
            break
    return out


def timeline():
    a, (f, t) = rng.choice(actors), date_range()
    return f"/?actor={a}&from={f}&to={t}"


def api():
    a, (f, t) = rng.choice(actors), date_range()
    q = [f"actor={a}"] if rng.random() < 0.8 else []
    if rng.random() < 0.5:
        q.append(f"kind={rng.choice(kinds)}")
    q += [f"from={f}", f"to={t}"]
    return "/api/events?" + "&".join(q)


events = [r[0] for r in con.execute("SELECT id FROM events ORDER BY id")]
rng.shuffle(events)
lists = {
    "timeline": distinct(timeline),
    "event": [f"/events/{e}" for e in events[:count]],
    "actor": [f"/actors/{a}" for a in actors],
    "api": distinct(api),
}
for name, paths in lists.items():
    with open(f"{out}/urls-{name}.txt", "w") as f:
        f.write("\n".join(paths) + "\n")
    print(f"{name}: {len(paths)} paths", file=sys.stderr)
