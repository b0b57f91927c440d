#!/bin/sh
# Render the first page of the sample's Word report and 督办单 with LibreOffice and save
# docs/report-docx.png and docs/remind.png (shown in the README). Needs LibreOffice, poppler
# and a CJK font (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk).
# Run from the repository root after `make demo`.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.venv/bin/gkparse report samples/status.yaml -f docx -o "$out/report-docx.docx"
.venv/bin/gkparse remind samples/status.yaml -o "$out/remind.docx"
for name in report-docx remind; do
    FONTCONFIG_FILE="$PWD/scripts/gongwen-fonts.conf" soffice --headless \
        "-env:UserInstallation=file://$out/profile" --convert-to pdf --outdir "$out" \
        "$out/$name.docx" >/dev/null
    pdftoppm -f 1 -l 1 -r 60 -png -singlefile "$out/$name.pdf" "docs/$name"
    echo "wrote docs/$name.png"
done
