#!/bin/sh
# Render the sample report in headless Chromium and save docs/report.png (shown in the README).
# Needs Chromium and a CJK font first (scripts/install-test-tools.sh installs them). Run from the repository root after `make demo`.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/gkparse report samples/status.yaml -o "$out/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$out/profile" --window-size=1280,1400 \
    --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
mv "$out/report.png" docs/report.png
echo "wrote docs/report.png"
