#!/usr/bin/env bash
# Fuzzes Signpost's readers with libFuzzer (issue 12): the targets are the executables of the Fuzz/ package.
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER_FLAG...]   fuzz one target (csv, xml, profile, postcode) for SECONDS
#   scripts/fuzz.sh all SECONDS                          each target in turn, SECONDS each
#   scripts/fuzz.sh TARGET [LIBFUZZER_FLAG...] FILE...   run the target once on each FILE (replay a finding;
#                                                        -minimize_crash=1 -runs=N makes it smaller)
#
# Builds Fuzz/ with -sanitize=fuzzer,address in release (once; later runs rebuild only what changed), makes the seed
# corpus from the repository's fixtures when it is missing (scripts/fuzz-corpus.py), then fuzzes in libFuzzer's fork
# mode so that a run goes on after a finding and reports all it found. New interesting inputs are added to
# Fuzz/corpus/TARGET; crashes, timeouts (an input taking over 10 s) and out-of-memory (over 2 GB) are saved in
# Fuzz/findings/TARGET/. Both folders are kept out of git. Prints executions, coverage and the findings at the end;
# exits 1 when anything was found, 2 when the fuzzer could not be built or run, 64 for bad usage.
# Flags after SECONDS go to libFuzzer and win over the defaults: -fork=0 stops at the first finding instead, and
# -detect_leaks=1 looks for leaks after every input (off by default: the heap scan cut executions 30-fold; leaks are
# still looked for when each fuzzing process ends, less those in Fuzz/lsan-suppressions.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
targets=(csv xml profile postcode feed)

usage() {
    echo "usage: scripts/fuzz.sh TARGET|all SECONDS [LIBFUZZER_FLAG...]" >&2
    echo "       scripts/fuzz.sh TARGET [LIBFUZZER_FLAG...] FILE...   (replay or minimise inputs)" >&2
    echo "targets: ${targets[*]}" >&2
    exit 64
}
[ $# -ge 2 ] || usage
target=$1
shift
if [ "$target" != all ] && [[ ! " ${targets[*]} " == *" $target "* ]]; then usage; fi

build() {
    echo "== building the fuzz targets (Fuzz/.build, release, -sanitize=fuzzer,address)" >&2
    mkdir -p Fuzz/.build
    if ! swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address > Fuzz/.build/fuzz-build.log 2>&1
    then
        tail -40 Fuzz/.build/fuzz-build.log >&2
        echo "fuzz.sh: the build failed (log: Fuzz/.build/fuzz-build.log)" >&2
        exit 2
    fi
    bin="$(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"
}

# The readers find the vocabularies through SIGNPOST_HOME. LeakSanitizer leaves out the leaks listed in
# Fuzz/lsan-suppressions.txt (known findings awaiting their fix).
export SIGNPOST_HOME="$root"
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

max_len() {
    case "$1" in
        postcode) echo 4096 ;;
        *) echo 65536 ;;
    esac
}

# Replays FILEs through one target (no fuzzing): the way to check a finding, or its fix, or to minimise it.
if [ "$target" != all ] && [[ ! "$1" =~ ^[0-9]+$ ]]; then
    build
    exec "$bin/$target" -timeout=10 -rss_limit_mb=2048 "$@"
fi

[[ "$1" =~ ^[0-9]+$ ]] || usage
seconds=$1
shift
extra=("$@")
build

# Fuzzes one target; prints its summary line and returns 1 when it found anything.
fuzz() {
    local name=$1
    local corpus="Fuzz/corpus/$name" findings="Fuzz/findings/$name"
    if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then python3 scripts/fuzz-corpus.py "$name" >&2; fi
    mkdir -p "$findings"
    local log="$findings/last-run.log" marker
    marker="$(mktemp)"
    echo "== fuzzing $name for ${seconds}s (log: $log)" >&2
    local status=0
    "$bin/$name" \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -detect_leaks=0 \
        -max_total_time="$seconds" -max_len="$(max_len "$name")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="Fuzz/corpus/$name.dict" -artifact_prefix="$findings/" \
        "${extra[@]}" "$corpus" > "$log" 2>&1 || status=$?

    # The last status line: "#EXECS: cov: C ft: F corp: N ... oom/timeout/crash: O/T/C time: Ss ..." (fork mode), or
    # "#EXECS ... cov: C ft: F corp: N/SIZE exec/s: E ..." (-fork=0).
    local stats
    stats="$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$log" | tail -1 || true)"
    local execs cov ft corp elapsed
    execs="$(sed -nE 's/^#([0-9]+).*/\1/p' <<< "$stats")"
    cov="$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<< "$stats")"
    ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$stats")"
    corp="$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<< "$stats")"
    elapsed="$(sed -nE 's/.*time: ([0-9]+)s.*/\1/p' <<< "$stats")"
    elapsed=${elapsed:-$seconds}
    local found
    found="$(find "$findings" -type f -newer "$marker" \
        \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)"
    rm -f "$marker"
    local count=0
    [ -z "$found" ] || count=$(wc -l <<< "$found")
    printf '%s: %s executions in %ss (%s/s), cov %s ft %s, corpus %s, findings %s\n' \
        "$name" "${execs:-?}" "$elapsed" "$(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))" \
        "${cov:-?}" "${ft:-?}" "${corp:-?}" "$count"
    if [ -n "$found" ]; then
        sed 's/^/    /' <<< "$found"
        return 1
    fi
    if [ -z "$stats" ]; then
        tail -20 "$log" >&2
        echo "fuzz.sh: $name did not run (log: $log)" >&2
        return 2
    fi
    [ "$status" -eq 0 ] || { tail -20 "$log" >&2; echo "fuzz.sh: libFuzzer exited $status (log: $log)" >&2; return 2; }
}

if [ "$target" = all ]; then selected=("${targets[@]}"); else selected=("$target"); fi
worst=0
summary=()
for name in "${selected[@]}"; do
    status=0
    line="$(fuzz "$name")" || status=$?
    echo "$line"
    summary+=("$line")
    [ "$status" -le "$worst" ] || worst=$status
done
if [ ${#selected[@]} -gt 1 ]; then
    echo "== fuzzing summary"
    printf '%s\n' "${summary[@]}"
fi
exit "$worst"
