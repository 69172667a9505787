#!/usr/bin/env python3
"""Split ../shared/eval/dev into a working half and a held-out half.

usage: bench/dev_split.py OUT_DIR [DEV_DIR]

Writes OUT_DIR/work/{articles,gold.json} (files 01-12) and
OUT_DIR/held/{articles,gold.json} (files 21-32). Articles are symlinked, never
copied into the project. Every gold event cites files of one half only; the
script stops if that ever changes.

The held-out half is scored once, at the end of the extraction work, as the
estimate for unseen text (docs/quality.md); its misses are not read before.
"""
import json
import os
import sys


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[0]
    dev = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval", "dev")
    dev = os.path.abspath(dev)
    gold = json.load(open(os.path.join(dev, "gold.json"), encoding="utf-8"))

    def half(name):
        return "work" if int(name[:2]) <= 12 else "held"

    parts = {"work": [], "held": []}
    for ev in gold["events"]:
        halves = {half(s) for s in ev["sources"]}
        if len(halves) != 1:
            print(f"gold event {ev['id']} cites both halves", file=sys.stderr)
            return 1
        parts[halves.pop()].append(ev)
    for name, events in parts.items():
        arts = os.path.join(out, name, "articles")
        os.makedirs(arts, exist_ok=True)
        for f in sorted(os.listdir(os.path.join(dev, "articles"))):
            if half(f) == name:
                link = os.path.join(arts, f)
                if not os.path.lexists(link):
                    os.symlink(os.path.join(dev, "articles", f), link)
        with open(os.path.join(out, name, "gold.json"), "w", encoding="utf-8") as fh:
            json.dump({"corpus": f"dev-{name}", "events": events}, fh, ensure_ascii=False, indent=1)
        print(f"{name}: {len(os.listdir(arts))} articles, {len(events)} gold events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
