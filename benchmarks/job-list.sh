#!/usr/bin/env bash
# job-list.sh OLD_ROOT NEW_ROOT W10K W100K [RUNS]: bit job list before and after the job index,
# side by side in ONE hyperfine run, then the peak RSS of each command (median of 5 runs).
#
#   OLD_ROOT, NEW_ROOT  folders holding the launcher `bit` and concierge-cli/target/bit.jar of the
#                       two versions (a copy of the launcher next to a copy of each jar will do:
#                       each keeps its own class cache in its own target/)
#   W10K, W100K         workspaces made by benchmarks/populate.sh with 10,000 and 100,000 jobs; the
#                       old version gets copies of them (W10K.old), as the two keep different indexes
#
# `bit status` of one job is the start-up reference: everything above it is the listing. The
# old version at 100,000 jobs is timed once with /usr/bin/time (a hyperfine run of it takes an
# hour). Needs hyperfine and GNU time.
set -euo pipefail

if [[ $# -lt 4 ]]; then
    echo "usage: $0 OLD_ROOT NEW_ROOT W10K W100K [RUNS]" >&2
    exit 2
fi
old=$1 new=$2 w10k=$3 w100k=$4 runs=${5:-10}
for w in "$w10k" "$w100k"; do
    if [[ ! -d "$w.old" ]]; then
        cp -a "$w" "$w.old"
        rm -rf "$w.old/.concierge/index"
    fi
done
job=$(ls "$w10k/jobs" | tail -1)

# Each version builds its index (and its class cache) before the clock starts.
for w in "$w10k" "$w100k"; do
    "$new/bit" --workspace "$w" job list >/dev/null
done
"$old/bit" --workspace "$w10k.old" job list >/dev/null

hyperfine -N --warmup 2 --runs "$runs" --export-json job-list.json \
    -n "bit status (start-up reference)" "$new/bit --workspace $w10k status $job" \
    -n "old: job list, 10k" "$old/bit --workspace $w10k.old job list" \
    -n "old: job list --limit 20, 10k" "$old/bit --workspace $w10k.old job list --limit 20" \
    -n "new: job list, 10k" "$new/bit --workspace $w10k job list" \
    -n "new: job list --limit 20, 10k" "$new/bit --workspace $w10k job list --limit 20" \
    -n "new: job list, 100k" "$new/bit --workspace $w100k job list" \
    -n "new: job list --limit 20, 100k" "$new/bit --workspace $w100k job list --limit 20" \
    -n "new: job list --status FAILED --limit 20, 100k" "$new/bit --workspace $w100k job list --status FAILED --limit 20"

rss() {
    local name=$1
    shift
    local all=()
    local report
    report=$(mktemp)
    for _ in 1 2 3 4 5; do
        /usr/bin/time -o "$report" -f '%M' "$@" >/dev/null 2>&1
        all+=("$(tail -1 "$report")")
    done
    rm -f "$report"
    printf '%s: median peak RSS %s KB\n' "$name" "$(printf '%s\n' "${all[@]}" | sort -n | sed -n 3p)"
}
rss "bit status" "$new/bit" --workspace "$w10k" status "$job"
rss "old job list 10k" "$old/bit" --workspace "$w10k.old" job list
rss "new job list 10k" "$new/bit" --workspace "$w10k" job list
rss "new job list --limit 20 10k" "$new/bit" --workspace "$w10k" job list --limit 20
rss "new job list 100k" "$new/bit" --workspace "$w100k" job list
rss "new job list --limit 20 100k" "$new/bit" --workspace "$w100k" job list --limit 20

echo "old job list at 100k, once (its first run builds its index, the second reads it):"
/usr/bin/time -f 'first: %e s wall, %U s user, %S s sys, %M KB' "$old/bit" --workspace "$w100k.old" job list >/dev/null
/usr/bin/time -f 'second: %e s wall, %U s user, %S s sys, %M KB' "$old/bit" --workspace "$w100k.old" job list >/dev/null
