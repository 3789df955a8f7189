#!/usr/bin/env bash
# index-formats.sh W10K W100K [RUNS]: the start-up cost of the three job index formats considered
# (io.concierge.benchmarks.IndexFormats: Concierge's slots, a SQLite table, an append-only log of
# summary lines), the 20 newest and all jobs, each in a fresh JVM with bit's flags, in ONE
# hyperfine run. The workspaces come from benchmarks/populate.sh; the SQLite and log copies of
# their index are written first. Needs hyperfine and benchmarks/target/benchmarks.jar.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 W10K W100K [RUNS]" >&2
    exit 2
fi
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
jar="$root/benchmarks/target/benchmarks.jar"
runs=${3:-10}
java="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -XX:-UsePerfData -cp $jar io.concierge.benchmarks.IndexFormats"
commands=()
for w in "$1" "$2"; do
    $java "$w" prepare 2>/dev/null
    n=$(ls "$w/jobs" | wc -l)
    for format in slots sqlite log; do
        for question in newest all; do
            commands+=(-n "$format $question, $n jobs" "$java $w $format $question")
        done
    done
done
hyperfine -N --warmup 2 --runs "$runs" --export-json index-formats.json "${commands[@]}"
