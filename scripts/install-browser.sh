#!/bin/sh
# Install what the report's browser test needs: Debian's headless Chromium and a CJK font
# (without one, Chinese text renders as boxes). The test is skipped where Chromium is absent.
set -eu
if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; then
    echo "chromium and a CJK font are already installed"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    chromium fonts-noto-cjk fontconfig
