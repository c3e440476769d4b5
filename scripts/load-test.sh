#!/usr/bin/env bash
# Load test of the partner API with wrk, against nginx serving the same bytes, on 127.0.0.1 only, bounded in time.
#
# Generates a national catalog (20,000 services by default, fixed seed), serves it with signpost-server (release
# build, no rate limit), saves the answers of the two lookups partners make most to files and serves those files with
# nginx (Debian `nginx`), then runs wrk against each in turn, in one sitting:
#   list     GET /services?postcode=LS1%204AP&need=domestic-abuse&per_page=50   vs nginx, the same bytes
#   item     GET /services/{id}                                                  vs nginx, the same bytes
#   suggest  POST /referrals/suggest                                             vs GET /healthz
# Then runs the mixed load of scripts/lib/api-server.sh (lists, items, suggestions, health) for --mixed seconds,
# sampling the server's resident memory every 10 s.
# Targets (issue 14): list >= 50% of nginx's req/s, item >= 60%, suggest >= 25% of /healthz with p99 <= 15 ms;
# memory after the mixed load <= 300 MB and flat (the last sample within 10% of the one a minute in).
#
# --db postgres://USER@HOST:PORT/DB?schema=NAME serves a catalog kept in PostgreSQL instead of an SQLite file (issue 16:
# the same targets, the index being in memory either way).
#
# Usage: scripts/load-test.sh [--services N] [--duration SECONDS] [--mixed SECONDS] [--connections N] [--threads N]
#                             [--db URL]
set -euo pipefail

services=20000
duration=10
mixed=300
connections=64
threads=2
while [ $# -gt 0 ]; do
    case "$1" in
        --services) services=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --mixed) mixed=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --db) db=$2; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
cd "$(dirname "$0")/.."
. scripts/lib/api-server.sh

make_work
chmod 755 "$work" # nginx's workers read the files as its own user

build_release
make_catalog "$services"
start_server 18080
id="${ids%% *}"
list="/services?postcode=LS1%204AP&need=domestic-abuse&per_page=50"

# nginx serves the very bytes Signpost answers, as application/json, keep-alive, no log, one worker per core.
mkdir -p "$work/www" "$work/nginx"
curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:18080$list" > "$work/www/list.json"
curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:18080/services/$id" > "$work/www/item.json"
cat > "$work/nginx/nginx.conf" << CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    types { application/json json; }
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server { listen 127.0.0.1:18081; root $work/www; }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
also_kill=$!
sleep 0.5
curl -sf "http://127.0.0.1:18081/list.json" > /dev/null || { cat "$work/nginx/error.log" >&2; exit 1; }
echo "list page: $(wc -c < "$work/www/list.json") bytes; service document: $(wc -c < "$work/www/item.json") bytes" >&2

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
    wrk_summary "$work/$name.txt" "$name"
}

echo "running wrk: $connections connections, $threads threads, ${duration}s per route..." >&2
auth="Authorization: Bearer $key"
{
    run nginx-list "http://127.0.0.1:18081/list.json"
    run list -H "$auth" "http://127.0.0.1:18080$list"
    run nginx-item "http://127.0.0.1:18081/item.json"
    run item -H "$auth" "http://127.0.0.1:18080/services/$id"
    run healthz "http://127.0.0.1:18080/healthz"
    run suggest -s "$work/suggest.lua" "http://127.0.0.1:18080/referrals/suggest"
} > "$work/results.tsv"

rss_start=$(rss_mb "$server")
echo "mixed load for ${mixed}s (RSS $rss_start MB)..." >&2
mixed_lua "$work/mixed.lua"
: > "$work/rss.tsv"
( elapsed=0; while [ "$elapsed" -le "$mixed" ]; do
      echo "$elapsed	$(rss_mb "$server")" >> "$work/rss.tsv"; sleep 10; elapsed=$((elapsed + 10)); done ) &
sampler=$!
wrk --latency -t "$threads" -c "$connections" -d "${mixed}s" -s "$work/mixed.lua" "http://127.0.0.1:18080" \
    > "$work/mixed.txt"
kill "$sampler" 2> /dev/null || true
echo "$mixed	$(rss_mb "$server")" >> "$work/rss.tsv"
wrk_summary "$work/mixed.txt" mixed >> "$work/results.tsv"

python3 - "$work/results.tsv" "$work/rss.tsv" "$rss_start" << 'PY'
import sys
rows = {line.split("\t")[0]: line.split("\t")[1:] for line in open(sys.argv[1]).read().split("\n") if line}
rss = [tuple(map(int, line.split("\t"))) for line in open(sys.argv[2]).read().split("\n") if line]
print(f"{'route':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'errors':>8}  against")
def line(name, peer=None, target=None):
    rps, p50, p99, bad, errors = rows[name]
    share = ""
    if peer:
        ratio = float(rps) / float(rows[peer][0]) * 100
        share = f"{ratio:.0f}% of {peer} (target {target}%: {'met' if ratio >= target else 'NOT met'})"
    print(f"{name:<12}{float(rps):>9.0f}{float(p50):>9.2f}{float(p99):>9.2f}{bad:>9}{errors:>8}  {share}")
line("nginx-list"); line("list", "nginx-list", 50)
line("nginx-item"); line("item", "nginx-item", 60)
line("healthz"); line("suggest", "healthz", 25)
p99 = float(rows["suggest"][2])
print(f"suggest p99 {p99:.2f} ms (target <= 15: {'met' if p99 <= 15 else 'NOT met'})")
line("mixed")
# Flat: the last sample within 10% of the one a minute in (half way, in a run shorter than two minutes).
settle = min(60, rss[-1][0] // 2)
after_minute = next((mb for t, mb in rss if t >= settle), rss[0][1])
last = rss[-1][1]
flat = last <= after_minute * 1.10
print(f"RSS: {sys.argv[3]} MB before the mixed load, {after_minute} MB {settle} s in, {max(mb for _, mb in rss)} MB at most, "
      f"{last} MB at the end (target <= 300 and flat: {'met' if last <= 300 and flat else 'NOT met'})")
print("RSS samples (s, MB): " + " ".join(f"{t}:{mb}" for t, mb in rss))
PY
