#!/usr/bin/env bash
# Side-by-side benchmarks: Pincer's Native AOT gateway vs the reference openclaw gateway, same run.
#   usage: bench/run.sh [extra Pincer.Bench options, e.g. --ref-runs 3 --calls 10000]
#   SKIP_PUBLISH=1 reuses bench/out/pincer-aot (otherwise it is re-published, 1-3 min).
# Writes bench/results/latest.json and bench/results/latest.md. Every gateway the harness starts
# is killed (whole process tree) when it finishes, fails, or gets SIGINT/SIGTERM.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

if [ "${SKIP_PUBLISH:-0}" != 1 ] || [ ! -x "$OUT/pincer-aot/openclaw" ]; then
  echo "== publishing Pincer (Native AOT, linux-x64) -> bench/out/pincer-aot"
  dotnet publish src/Pincer.Cli -c Release -r linux-x64 -o "$OUT/pincer-aot"
fi
echo "== building the harness -> bench/out/harness"
dotnet build bench/Pincer.Bench -c Release -o "$OUT/harness" --nologo -v quiet

REF="$(bash "$ROOT/../shared/reference/install.sh")"
echo "== reference: $REF ($("$REF/bin/node" --version 2>/dev/null || echo 'node ?'))"
echo "== machine: nproc=$(nproc), $(grep MemTotal /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$OUT/runs"
exec "$OUT/harness/Pincer.Bench" \
  --pincer "$OUT/pincer-aot/openclaw" \
  --reference "$REF/bin/openclaw" \
  --work "$OUT/runs" \
  --results "$ROOT/bench/results" \
  "$@"
