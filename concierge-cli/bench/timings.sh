#!/usr/bin/env bash
# Measures how fast bit starts (see ../TIMINGS.md), side by side in ONE hyperfine run, so that
# the figures are comparable as ratios even on a busy machine:
#   - the JVM floor: a trivial class that prints one line, on the same JVM with the same flags
#     as the launcher, for the newest JDK (25+) the launcher picks and for Java 17;
#   - `bit status --job-id J` and `bit job list` in a workspace of 100 jobs
#     (benchmarks/populate.sh), through this launcher on each of those JVMs;
#   - the same two commands through another launcher, e.g. main's, when OLD_BIT=/path/to/bit.
# Needs hyperfine and jq. RUNS (default 20) sets the number of runs; TIMES_JSON=FILE keeps
# hyperfine's JSON.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
bit="$root/bit"
runs=${RUNS:-20}
java17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m -XX:-UsePerfData"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CONCIERGE_WORKSPACE="$scratch/workspace"
unset BIT_JAVA JAVA_HOME

echo "making a workspace of 100 jobs in $CONCIERGE_WORKSPACE ..." >&2
"$root/benchmarks/populate.sh" "$CONCIERGE_WORKSPACE" 100 2>/dev/null
job=$("$bit" job list | awk '$2 == "COMPLETED" {print $1}' | tail -1)
[[ $("$bit" job list | wc -l) -eq 100 ]]

# The JVM the launcher picks by itself, read from its --version.
newest=$("$bit" --version | awk '/^Java/ {print $2}')
newest_home=$(for home in /usr/lib/jvm/*/; do
    [[ -L "${home%/}" ]] && continue
    grep -qs "^JAVA_VERSION=\"$newest\"" "$home/release" && echo "${home%/}" && break
done || true)
[[ -n "$newest_home" ]] || newest_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")

cat >"$scratch/Floor.java" <<'EOF'
public final class Floor {
    public static void main(String[] args) {
        System.out.println("floor");
    }
}
EOF
"$java17/bin/javac" --release 17 -d "$scratch" "$scratch/Floor.java"
# Each launcher records its class cache before the timing starts.
BIT_JAVA="$java17" "$bit" --version >/dev/null
if [[ -n "${OLD_BIT:-}" ]]; then
    "$OLD_BIT" --version >/dev/null
fi

commands=(
    -n "floor, JDK $newest" "$newest_home/bin/java $flags -cp $scratch Floor"
    -n "bit status, JDK $newest (AOT cache)" "$bit status --job-id $job"
    -n "bit job list, JDK $newest (AOT cache)" "$bit job list"
    -n "floor, Java 17" "$java17/bin/java $flags -cp $scratch Floor"
    -n "bit status, Java 17 (AppCDS)" "env BIT_JAVA=$java17 $bit status --job-id $job"
    -n "bit job list, Java 17 (AppCDS)" "env BIT_JAVA=$java17 $bit job list"
)
if [[ -n "${OLD_BIT:-}" ]]; then
    commands+=(
        -n "old launcher: bit status" "$OLD_BIT status --job-id $job"
        -n "old launcher: bit job list" "$OLD_BIT job list"
    )
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine -N --warmup 3 --runs "$runs" --export-json "$scratch/times.json" "${commands[@]}" >&2
if [[ -n "${TIMES_JSON:-}" ]]; then
    cp "$scratch/times.json" "$TIMES_JSON"      # hyperfine's raw figures, kept when asked
fi

# Wall time suffers from whatever else the machine runs; CPU time (user + system) much less.
# Ratios are to the floor of the same JVM, measured in the same run.
echo "| command | median wall | mean wall ± σ | mean CPU (user + sys) | median / floor |"
echo "| --- | ---: | ---: | ---: | ---: |"
jq -r '
  (.results | map(select(.command | startswith("floor"))) | map({key: (.command | sub("floor, "; "")), value: .median}) | from_entries) as $floor
  | .results[]
  | ((.command | capture("(?<jvm>JDK [0-9.]+|Java 17)")? | .jvm) // null) as $jvm
  | ($jvm | if . == null then ($floor["Java 17"]) else $floor[.] end) as $f
  | "| \(.command) | \(.median * 1000 | round) ms | \(.mean * 1000 | round) ± \(.stddev * 1000 | round) ms | \((.user + .system) * 1000 | round) ms | \(.median / $f * 100 | round / 100)x |"' \
    "$scratch/times.json"
echo
echo "$(nproc) cores; load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg);" \
    "cache sizes: $(du -h "$root"/concierge-cli/target/bit-*.{aot,jsa} 2>/dev/null | awk '{printf "%s %s  ", $1, $2}')"
