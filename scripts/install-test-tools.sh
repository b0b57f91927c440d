#!/bin/sh
# Install the programs the format and browser tests need, where they are missing:
# LibreOffice Writer and Calc without a GUI (.doc, .wps, .rtf, .odt; the tests' .xls, .ods
# and .pdf conversions), Debian's headless Chromium, a CJK font (without one, Chinese text
# renders as boxes and LibreOffice's PDFs lose their text), and poppler-utils (pdftotext).
# .ci/run calls this before `make test`; with CI=true a test that lacks one of them fails.
set -eu
have_calc() { dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q "ok installed" \
    || dpkg-query -W -f='${Status}' libreoffice-calc 2>/dev/null | grep -q "ok installed"; }
if command -v soffice >/dev/null 2>&1 && have_calc && command -v chromium >/dev/null 2>&1 \
        && command -v pdftotext >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then
    echo "LibreOffice, Chromium, a CJK font and poppler-utils are already installed"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui chromium fonts-noto-cjk fontconfig \
    poppler-utils
