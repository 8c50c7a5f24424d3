#!/usr/bin/env bash
# Records the reference's verdict for every Corpus/*.json into Corpus/golden/<name>.json:
#   {"exitCode":N,"output":<openclaw config validate --json stdout>}
# Each run gets a throwaway HOME/state dir so nothing leaks between files.
#   usage: record-golden.sh [file.json ...]   (default: all corpus files)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REF="$(/work/shared/reference/install.sh)"
mkdir -p "$HERE/golden"
FILES=("$@"); [ ${#FILES[@]} -eq 0 ] && FILES=("$HERE"/*.json)
for f in "${FILES[@]}"; do
  name="$(basename "$f" .json)"
  tmp="$(mktemp -d /tmp/pincer-golden-XXXXXX)"
  mkdir -p "$tmp/home" "$tmp/state"
  cp "$f" "$tmp/state/openclaw.json"
  set +e
  out="$(HOME="$tmp/home" OPENCLAW_HOME="$tmp/home" OPENCLAW_STATE_DIR="$tmp/state" \
    OPENCLAW_CONFIG_PATH="$tmp/state/openclaw.json" OPENCLAW_OFFLINE=1 OPENCLAW_NO_AUTO_UPDATE=1 NO_COLOR=1 \
    "$REF/bin/openclaw" config validate --json 2>/dev/null)"
  rc=$?
  set -e
  # The config path is a temp dir; normalise it so golden files are stable.
  printf '%s' "$out" | node -e '
    const fs = require("fs");
    const raw = fs.readFileSync(0, "utf8");
    let output; try { output = JSON.parse(raw); } catch { output = { unparsed: raw }; }
    if (output && typeof output.path === "string") output.path = "<config>";
    if (output?.error?.message) output.error.message = output.error.message.split(process.argv[1]).join("<config>");
    process.stdout.write(JSON.stringify({ exitCode: Number(process.argv[2]), output }, null, 2) + "\n");
  ' "$tmp/state/openclaw.json" "$rc" > "$HERE/golden/$name.json"
  rm -rf "$tmp"
done
