#!/usr/bin/env bash
# Builds the benchmarks and runs all of them (issue 8), writing benchmarks/RESULTS.md.
#
#   benchmarks/run.sh            full run, at most about 15 minutes on 2 cores
#   benchmarks/run.sh --quick    one short iteration of each, a few minutes (CI), written to
#                                benchmarks/target/RESULTS-quick.md; fails only on errors
#   benchmarks/run.sh --only hash,engine,interleaved,request,strength,delivery,login,tickets,memory
#
# PostgreSQL: a full run starts an embedded one (zonky) for benchmark 4; set
# PASSWORD_RESET_BENCH_POSTGRES_URL (jdbc:postgresql://...), and PASSWORD_RESET_BENCH_POSTGRES_USER /
# _PASSWORD, to use a server of your own (also in --quick runs, which otherwise use H2 only).
# Missed targets are reported in the table, never as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
args=()
for a in "$@"; do
  [[ "$a" == "--quick" ]] && quick=true
  args+=("$a")
done
out=benchmarks/RESULTS.md
if $quick; then
  out=benchmarks/target/RESULTS-quick.md
fi

mvn -B -q -ntp -pl benchmarks -am package -DskipTests
if [[ -n "${PASSWORD_RESET_BENCH_POSTGRES_URL:-}" ]]; then
  echo "PostgreSQL: ${PASSWORD_RESET_BENCH_POSTGRES_URL}"
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
java -Xmx512m -jar benchmarks/target/benchmarks.jar --out "$out" ${args[@]+"${args[@]}"}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
