#!/usr/bin/env bash
# populate.sh WORKSPACE N [THREADS]: fills WORKSPACE (created when missing) with N test.echo jobs
# in mixed end states (COMPLETED, FAILED, PLANNED, DRAFT, APPROVED, HALTED), through the public
# API in one JVM: io.concierge.benchmarks.Populate. Builds benchmarks/target/benchmarks.jar when
# it is missing. Prints how many jobs ended in each status and the time taken on stderr.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 WORKSPACE N [THREADS]" >&2
    exit 2
fi
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
jar="$root/benchmarks/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
    echo "populate: building $jar..." >&2
    log=$(mktemp)
    if ! (cd "$root" && mvn -q -B -DskipTests -pl benchmarks -am package) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "populate: the build failed; see above" >&2
        exit 70
    fi
    rm -f "$log"
fi
# Every state file is forced to disk before it is renamed into place: a dozen fsyncs per job,
# which on a busy disk alone take longer than a minute for 10,000 jobs. The jobs made here are a
# throw-away fixture, so when eatmydata is installed (apt-get install eatmydata) those fsyncs
# are skipped; what is written is the same. A throughput tool, not a one-second command: the
# JVM's defaults (C2, parallel GC) suit it.
nosync=()
if command -v eatmydata >/dev/null; then
    nosync=(eatmydata)
fi
exec "${nosync[@]}" "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar" io.concierge.benchmarks.Populate "$@"
