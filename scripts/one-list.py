#!/usr/bin/env python3
"""Joins the lists `signpost generate` writes (one per force area) into one big list, for memory benchmarks.

    scripts/one-list.py DIR OUT.xml     # every <service> of DIR/*.xml under the first file's commissioner
    scripts/one-list.py DIR OUT.csv     # the header of the first CSV, then every row of DIR/*.csv

The generator writes one service per line and gives every service a distinct id (GEN-N), so lines are joined as
they are. The joined list is one source (the first file's commissioner, or OUT's name for CSV).
"""
import glob
import os
import sys


def main() -> int:
    if len(sys.argv) != 3 or not sys.argv[2].endswith((".xml", ".csv")):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    folder, out = sys.argv[1], sys.argv[2]
    kind = os.path.splitext(out)[1]
    files = sorted(glob.glob(os.path.join(folder, "*" + kind)))
    if not files:
        print(f"one-list.py: no {kind} files in {folder}", file=sys.stderr)
        return 2
    count = 0
    with open(out, "w", encoding="utf-8", newline="") as sink:
        for index, path in enumerate(files):
            with open(path, encoding="utf-8", newline="") as source:
                for number, line in enumerate(source):
                    if kind == ".csv":
                        if number == 0 and index > 0:
                            continue
                        sink.write(line)
                        count += number > 0
                    elif line.startswith("  <service "):
                        sink.write(line)
                        count += 1
                    elif index == 0 and not line.startswith("</serviceList"):
                        sink.write(line)
        if kind == ".xml":
            sink.write("</serviceList>\n")
    print(f"{out}: {count} services from {len(files)} lists, {os.path.getsize(out) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
