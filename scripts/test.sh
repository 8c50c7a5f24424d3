#!/usr/bin/env bash
# Runs every test Pincer has: unit, integration (real gateway on loopback) and the live parity
# suite against the reference gateway. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The reference (openclaw@2026.9.6 + Node) for the live parity suite; cached after the first run.
if [ -z "${OPENCLAW_REF_DIR:-}" ] && [ -x ../shared/reference/install.sh ] || [ -f ../shared/reference/install.sh ]; then
  OPENCLAW_REF_DIR="$(bash ../shared/reference/install.sh 2>/dev/null | tail -n 1)" || OPENCLAW_REF_DIR=""
  export OPENCLAW_REF_DIR
fi

# The Control UI browser tests drive the system Chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "chromium install failed: the Control UI browser tests will fail"
  else
    echo "chromium missing at /usr/bin/chromium (needs root to apt-get install): the Control UI browser tests will fail"
  fi
fi

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

if ! dotnet build Pincer.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The shipping build is Native AOT: publish it and let the parity suite drive that binary.
AOT_FAILED=0
if dotnet publish src/Pincer.Cli -c Release -r linux-x64 -o "$ROOT/artifacts/aot" -nologo -v quiet; then
  export PINCER_BIN="$ROOT/artifacts/aot/openclaw"
else
  echo "Native AOT publish failed"
  AOT_FAILED=1
fi

dotnet test Pincer.slnx -c Release --no-build -nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=4800000
status=$?

python3 - "$RESULTS" "$status" "$AOT_FAILED" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if passed + failed == 0 and sys.argv[2] != "0":
    failed = 1
failed += int(sys.argv[3])  # a broken AOT publish is a failed check
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
PY
