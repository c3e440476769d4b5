#!/usr/bin/env bash
# Load test of the partner API with wrk, on 127.0.0.1 only, bounded in time.
#
# Generates a national catalog (50,000 services, fixed seed), serves it with `signpost serve` (release build, no rate
# limit, warnings only in the log), and runs wrk against a trivial route (/healthz) and the three lookups:
#   GET /services?postcode=LS1%204AP&need=domestic-abuse, GET /services/{id}, POST /referrals/suggest.
# Prints req/s, p50 and p99 for each, and each lookup's req/s as a share of the trivial route's.
# Targets: lookups at least 60% of the trivial route's req/s; p99 at most 15 ms at 64 connections.
#
# Usage: scripts/load-test.sh [--services N] [--duration SECONDS] [--connections N] [--threads N]
set -euo pipefail

services=50000
duration=10
connections=64
threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --services) services=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done

command -v wrk > /dev/null || { echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; }
cd "$(dirname "$0")/.."
swift build -c release --product signpost > /dev/null
signpost="$(swift build -c release --show-bin-path)/signpost"

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "generating and importing $services services..." >&2
"$signpost" generate --services "$services" --seed 7 --output "$work/lists" --format csv > /dev/null
"$signpost" import "$work"/lists/*.csv --db "$work/catalog.sqlite" > /dev/null
key="$("$signpost" keys create --keys "$work/keys.json" --name load-test --role partner 2> /dev/null)"

port=18080
"$signpost" serve --db "$work/catalog.sqlite" --keys "$work/keys.json" --host 127.0.0.1 --port "$port" \
    --rate-limit 0 --log-level warning > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
    sleep 0.2
done
curl -sf "http://127.0.0.1:$port/readyz" > /dev/null || { cat "$work/server.log" >&2; exit 1; }

id="$(curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/services?per_page=1&page=100" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["contents"][0]["id"])')"

cat > "$work/suggest.lua" << LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"needs": ["domestic-abuse"], "secondary_needs": ["stalking"], "postcode": "LS1 4AP", "language": "pl"}'
LUA

run() { # name, then wrk arguments
    local name=$1
    shift
    wrk --latency -t "$threads" -c "$connections" -d "${duration}s" "$@" > "$work/$name.txt"
    python3 - "$work/$name.txt" "$name" << 'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\b" % label, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{sys.argv[2]}\t{rps:.0f}\t{ms('50%'):.2f}\t{ms('99%'):.2f}\t{errors.group(1) if errors else 0}")
PY
}

echo "running wrk: $connections connections, $threads threads, ${duration}s per route..." >&2
{
    run static "http://127.0.0.1:$port/healthz"
    run services-search -H "Authorization: Bearer $key" \
        "http://127.0.0.1:$port/services?postcode=LS1%204AP&need=domestic-abuse"
    run service-by-id -H "Authorization: Bearer $key" "http://127.0.0.1:$port/services/$id"
    run suggest -s "$work/suggest.lua" "http://127.0.0.1:$port/referrals/suggest"
} > "$work/results.tsv"

python3 - "$work/results.tsv" << 'PY'
import sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().split("\n") if line]
static = float(rows[0][1])
print(f"{'route':<18}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'vs static':>11}{'non-2xx':>9}")
for name, rps, p50, p99, errors in rows:
    share = float(rps) / static * 100
    print(f"{name:<18}{float(rps):>10.0f}{float(p50):>10.2f}{float(p99):>10.2f}{share:>10.0f}%{errors:>9}")
print("targets: lookups >= 60% of the static route's req/s; p99 <= 15 ms")
PY
