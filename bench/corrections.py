#!/usr/bin/env python3
"""Write N corrections and notes for a benchmark database's events.

usage: bench/corrections.py DB FOLDER N

Picks N events spread over the timeline (every k-th by id) and writes
FOLDER/corrections.toml with a mix of what an analyst does: notes (tags,
stars, text), re-datings, status and kind changes, hidden events. Each
entry names its event by id and by its first sentence, as the pages do.
Deterministic: the same database gives the same file.
"""
import json
import sqlite3
import sys


def s(v):
    # A JSON string is a TOML basic string.
    return json.dumps(v, ensure_ascii=False)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    db, folder, n = argv[0], argv[1], int(argv[2])
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM events ORDER BY id")]
    if not ids or n <= 0:
        open(f"{folder}/corrections.toml", "w").close()
        return 0
    step = max(1, len(ids) // n)
    picked = ids[::step][:n]
    out = []
    for i, eid in enumerate(picked, start=1):
        row = con.execute(
            "SELECT e.title, e.date, e.kind, m.article_id, m.evidence FROM events e "
            "JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id "
            "WHERE e.id = ? ORDER BY m.id LIMIT 1",
            (eid,),
        ).fetchone()
        if row is None:
            continue
        title, date, kind, article, sentence = row
        head = [
            f"n = {i}",
            'made = "2026-12-06T10:00:00Z"',
            'by = "bench"',
            f"event = {s(eid)}",
            f"title = {s(title)}",
            f"evidence = [{{ article = {s(article)}, sentence = {s(sentence)} }}]",
        ]
        r = i % 10
        if r < 4:
            kind_of_entry = "note"
            body = [f"tags = [{s('tag-' + str(i % 7))}]"]
            if r == 0:
                body.append("star = true")
            if r == 1:
                body.append(f"text = {s('checked against the wire copy')}")
        else:
            kind_of_entry = "event"
            if r < 6 and date:
                body = ['change = "date"', f"date = {s(date)}", 'precision = "week"']
            elif r == 6:
                body = ['change = "status"', 'status = "planned"']
            elif r == 7:
                other = "statement" if kind != "statement" else "demand"
                body = ['change = "kind"', f"kind = {s(other)}"]
            else:
                body = ['change = "hide"', f"reason = {s('not an event')}"]
        out.append(f"[[{kind_of_entry}]]\n" + "\n".join(head + body) + "\n")
    with open(f"{folder}/corrections.toml", "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"{len(out)} corrections and notes in {folder}/corrections.toml", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
