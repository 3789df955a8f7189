#!/usr/bin/env bash
# Measures how fast bit starts (see ../TIMINGS.md): the median wall time of `bit job list` in a
# workspace of 100 jobs and of `bit status --job-id X`, through the launcher (with its AppCDS
# archive) and with plain java, with and without the archive. Needs hyperfine and jq.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
bit="$root/bit"
jar="$root/concierge-cli/target/bit.jar"
jsa="$root/concierge-cli/target/bit.jsa"
runs=${RUNS:-20}

"$bit" --version >/dev/null          # builds the jar and the archive when missing
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CONCIERGE_WORKSPACE="$scratch/workspace"

echo "making a workspace of 100 jobs in $CONCIERGE_WORKSPACE ..." >&2
"$bit" intent synth --text "Echo hello from the benchmark" >/dev/null
hash=$("$bit" intent list | tail -1 | awk '{print $1}')
for _ in $(seq 100); do
    "$bit" job from-intent --intent-id "$hash" >/dev/null
done
job=$("$bit" job list | tail -1 | awk '{print $1}')
"$bit" plan generate --job-id "$job" >/dev/null
"$bit" approve --job-id "$job" >/dev/null
"$bit" run --job-id "$job" >/dev/null 2>&1
[[ $("$bit" job list | wc -l) -eq 100 ]]

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tuned="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -XX:-UsePerfData -Xlog:cds=off -Xlog:cds+dynamic=off"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$scratch/times.json" \
    -n "bit job list (launcher: tuned JVM + AppCDS)" "$bit job list" \
    -n "job list: tuned JVM, no AppCDS archive" "java $tuned -jar $jar job list" \
    -n "job list: java -jar, JVM defaults" "java -jar $jar job list" \
    -n "bit status (launcher: tuned JVM + AppCDS)" "$bit status --job-id $job" \
    -n "status: tuned JVM, no AppCDS archive" "java $tuned -jar $jar status --job-id $job" \
    -n "status: java -jar, JVM defaults" "java -jar $jar status --job-id $job" >&2

# Wall time suffers from whatever else the machine runs; CPU time (user + system) much less.
echo "| command | median wall | mean wall ± σ | mean CPU (user + sys) |"
echo "| --- | ---: | ---: | ---: |"
jq -r '.results[] | "| \(.command) | \(.median * 1000 | round) ms | \(.mean * 1000 | round) ± \(.stddev * 1000 | round) ms | \((.user + .system) * 1000 | round) ms |"' \
    "$scratch/times.json"
echo
echo "archive: $(du -h "$jsa" | cut -f1), jar: $(du -h "$jar" | cut -f1), $(nproc) cores, $(java -version 2>&1 | head -1)," \
    "load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
