#!/usr/bin/env bash
# Renders what Kontakt shows in Slack, as recorded by the end-to-end tests, to PNGs at desktop and phone width.
#   scripts/render-surfaces.sh [jest test path pattern] [--only REGEX]
# Needs Chromium (apt-get install chromium fonts-noto-color-emoji fonts-lato) and the blockkit-render tool
# (BLOCKKIT_RENDER, default ../shared/tools/blockkit-render/render.mjs). Pictures land in .data/surfaces/.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern="${1:-test/e2e}"; shift || true
render="${BLOCKKIT_RENDER:-../shared/tools/blockkit-render/render.mjs}"
[ -f "$render" ] || { echo "blockkit-render not found at $render (set BLOCKKIT_RENDER)"; exit 1; }
out=.data/surfaces
rm -rf "$out" && mkdir -p "$out/captures"
KONTAKT_CAPTURE_DIR="$PWD/$out/captures" npx jest "$pattern" --silent || echo "(some tests failed; rendering what was captured)"
for capture in "$out"/captures/*.json; do
  name=$(basename "$capture" .json)
  node "$render" "$capture" --out "$out/desktop/$name" "$@" >/dev/null
  node "$render" "$capture" --out "$out/phone/$name" --mobile "$@" >/dev/null
done
echo "Pictures in $out/desktop and $out/phone (open index.html in each folder)."
