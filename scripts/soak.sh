#!/usr/bin/env bash
# A soak of the partner API: a mixed load (lists of 50 for assorted postcodes and needs, services by id, referral
# suggestions, health checks; scripts/lib/api-server.sh) for --minutes (10 by default) against a generated national
# catalog, on 127.0.0.1 only. The server logs at debug level, its most talkative, and the soak then checks:
#   - every answer was 2xx and no connection failed (wrk's non-2xx and socket errors);
#   - resident memory was flat: the last sample within 10% of the one a minute in (sampled every 10 s);
#   - the log holds nothing of an assessment: not the suggestions' postcode (LS6 2AB) nor their language (Tigrinya,
#     `ti`), nor any need code, postcode or query string the requests carried.
# Exits 1 when a check fails.
#
# Usage: scripts/soak.sh [--minutes N] [--services N] [--connections N]
set -euo pipefail

minutes=10
services=20000
connections=64
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes=$2; shift 2 ;;
        --services) services=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cd "$(dirname "$0")/.."
. scripts/lib/api-server.sh

make_work

build_release
make_catalog "$services"
start_server 18083 debug
mixed_lua "$work/mixed.lua"
seconds=$((minutes * 60))
echo "soaking for $minutes minutes ($connections connections; RSS $(rss_mb "$server") MB)..." >&2
: > "$work/rss.tsv"
( elapsed=0; while [ "$elapsed" -le "$seconds" ]; do
      echo "$elapsed	$(rss_mb "$server")" >> "$work/rss.tsv"; sleep 10; elapsed=$((elapsed + 10)); done ) &
sampler=$!
wrk --latency -t 2 -c "$connections" -d "${seconds}s" --timeout 10s -s "$work/mixed.lua" "http://127.0.0.1:$port" \
    > "$work/soak.txt"
kill "$sampler" 2> /dev/null || true
echo "$seconds	$(rss_mb "$server")" >> "$work/rss.tsv"
wrk_summary "$work/soak.txt" soak > "$work/summary.tsv"

# What the requests carried that a log must never hold.
grep -o -E 'LS6 2AB|"ti"' "$work/mixed.lua" > /dev/null || { echo "the mixed load lost its markers" >&2; exit 1; }
leaks="$(grep -c -E 'LS6 2AB|LS6%202AB|"language": ?"ti"|domestic-abuse|sexual-violence|postcode=|LS1 4AP|LS1%204AP' \
    "$work/server.log" || true)"
lines="$(wc -l < "$work/server.log")"
python3 - "$work/summary.tsv" "$work/rss.tsv" "$leaks" "$lines" << 'PY'
import sys
name, rps, p50, p99, bad, errors = open(sys.argv[1]).read().split()
rss = [tuple(map(int, line.split("\t"))) for line in open(sys.argv[2]).read().split("\n") if line]
leaks, lines = int(sys.argv[3]), int(sys.argv[4])
after_minute = next((mb for t, mb in rss if t >= 60), rss[0][1])
last = rss[-1][1]
checks = [
    (f"{float(rps):.0f} req/s, p50 {float(p50):.2f} ms, p99 {float(p99):.2f} ms; non-2xx {bad}, socket errors {errors}",
     int(bad) == 0 and int(errors) == 0),
    (f"RSS {rss[0][1]} MB at the start, {after_minute} MB a minute in, {max(mb for _, mb in rss)} MB at most, "
     f"{last} MB at the end (flat: within 10% of a minute in)", last <= after_minute * 1.10),
    (f"log: {lines} lines, {leaks} holding anything a request carried", leaks == 0),
]
for text, ok in checks:
    print(("ok    " if ok else "FAIL  ") + text)
print("RSS samples (s, MB): " + " ".join(f"{t}:{mb}" for t, mb in rss))
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
