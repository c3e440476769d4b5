#!/usr/bin/env python3
"""A peer for `signpost import` speed: Python doing the plainest form of the same job on the same list.

    scripts/import-peer.py LIST.csv

Reads the CSV with the standard csv module (UTF-8, header row), keeps each row as a JSON object keyed by column, and
stores every row in a new SQLite file (sqlite3, one transaction, an id primary key) in a temporary folder. No
validation, vocabulary mapping or duplicate check: Signpost does far more per row, so the ratio is a floor on how
close it comes to a parse-and-store loop, measured on the same machine in the same sitting. Prints services/s for
parsing alone and for parsing and storing, best of three.
"""
import csv
import json
import os
import sqlite3
import sys
import tempfile
import time


def parse(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [row for row in reader]


def store(path, folder):
    header, rows = parse(path)
    database = os.path.join(folder, "peer.sqlite")
    if os.path.exists(database):
        os.remove(database)
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE services (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
    with connection:
        connection.executemany(
            "INSERT INTO services (id, data) VALUES (?, ?)",
            ((row[0], json.dumps(dict(zip(header, row)))) for row in rows),
        )
    connection.close()
    return len(rows)


def best(job):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        count = job()
        times.append(time.perf_counter() - start)
    return count, min(times)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        count, parsing = best(lambda: len(parse(path)[1]))
        _, storing = best(lambda: store(path, folder))
    size = os.path.getsize(path) / 1e6
    print(f"python {sys.version.split()[0]}: {count} services, {size:.1f} MB")
    print(f"  csv parse      {size / parsing:8.1f} MB/s  {count / parsing:10.0f} services/s")
    print(f"  parse + store  {count / storing:10.0f} services/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
