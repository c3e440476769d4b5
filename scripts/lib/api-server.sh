# Shared by scripts/load-test.sh and scripts/soak.sh (sourced, not run): builds the release programs, generates and
# imports a national catalog, creates a partner key and serves the catalog with signpost-server on 127.0.0.1.
# Sets: work (make_work), signpost, key, port, server (the server's pid), ids (a few service ids, space-separated).

# make_work: a scratch folder in $work, removed on exit with the server and any process whose pid is in $also_kill.
make_work() {
    work="$(mktemp -d)"
    server=""
    also_kill=""
    trap stop_all EXIT
}

stop_all() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
    for pid in $also_kill; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}

build_release() {
    echo "building the release programs..." >&2
    for product in signpost signpost-server; do
        swift build -c release --product "$product" > "$work/build.log" 2>&1 \
            || { grep -E "error" "$work/build.log" >&2; exit 1; }
    done
    bin="$(swift build -c release --show-bin-path)"
    signpost="$bin/signpost"
    signpost_server="$bin/signpost-server"
}

# make_catalog SERVICES: a generated national catalog (fixed seed) in $db (default $work/catalog.sqlite; a
# postgres:// URL keeps it, and the keys, in PostgreSQL) and a partner key.
make_catalog() {
    db="${db:-$work/catalog.sqlite}"
    echo "generating and importing $1 services into $db..." >&2
    "$signpost" generate --services "$1" --seed 7 --output "$work/lists" --format csv > /dev/null
    "$signpost" import "$work"/lists/*.csv --db "$db" > /dev/null
    key="$("$signpost" keys create --keys "$work/keys.json" --db "$db" --name load-test --role partner 2> /dev/null)"
}

# start_server PORT [LOG LEVEL]: serves the catalog without a rate limit, the log in $work/server.log.
start_server() {
    port=$1
    "$signpost_server" --db "$db" --keys "$work/keys.json" --host 127.0.0.1 --port "$port" \
        --rate-limit 0 --log-level "${2:-warning}" > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 150); do
        curl -sf "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
        sleep 0.2
    done
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null || { cat "$work/server.log" >&2; exit 1; }
    ids="$(curl -s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/services?per_page=8&page=50" \
        | python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["contents"]))')"
}

# rss_mb PID: resident memory in MB.
rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# mixed_lua FILE: a wrk script that cycles through the lookups partners make (4 in 10 lists of 50 for assorted
# postcodes and needs, 3 services by id, 2 suggestions, 1 health check). The suggestions' postcode (LS6 2AB) and
# language (ti, Tigrinya) appear in no other request, so a log holding them holds an assessment.
mixed_lua() {
    local quoted
    quoted="$(for id in $ids; do printf '"%s",' "$id"; done)"
    cat > "$1" << LUA
local key = "Bearer $key"
local ids = {${quoted%,}}
local postcodes = {"LS1%204AP", "M1%201AE", "B1%201BB", "CF10%201EP", "NE1%204ST", "BS1%204ST", "S1%202HE", "L1%208JQ"}
local needs = {"domestic-abuse", "sexual-violence", "stalking", "hate-crime", "fraud", "emotional-practical-support"}
local body = '{"needs": ["domestic-abuse"], "secondary_needs": ["stalking"], "postcode": "LS6 2AB", "language": "ti", "age": 34}'
local n = 0
request = function()
    n = n + 1
    local r = n % 10
    local headers = {["Authorization"] = key}
    if r < 4 then
        local path = "/services?per_page=50&postcode=" .. postcodes[n % #postcodes + 1] .. "&need=" .. needs[n % #needs + 1]
        return wrk.format("GET", path, headers)
    elseif r < 7 then
        return wrk.format("GET", "/services/" .. ids[n % #ids + 1], headers)
    elseif r < 9 then
        headers["Content-Type"] = "application/json"
        return wrk.format("POST", "/referrals/suggest", headers, body)
    end
    return wrk.format("GET", "/healthz")
end
LUA
}

# wrk_summary FILE NAME: one tab-separated line (name, req/s, p50 ms, p99 ms, non-2xx, socket errors) from wrk --latency.
wrk_summary() {
    python3 - "$1" "$2" << 'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\b" % label, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print(f"{sys.argv[2]}\t{rps:.0f}\t{ms('50%'):.2f}\t{ms('99%'):.2f}\t{errors.group(1) if errors else 0}\t"
      f"{sum(int(g) for g in sockets.groups()) if sockets else 0}")
PY
}
