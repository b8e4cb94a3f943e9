#!/usr/bin/env bash
# Makes the .docx fixtures of the .docx reader's tests (tests/docx_read.rs)
# with LibreOffice (headless), from sources kept here:
#   docx-features.fodt -> features.docx   a title, outline-numbered headings,
#                         numbered, lettered and roman lists, nested bullets,
#                         a table, a page break, text that looks like markup
#   docx-features.fodt -> not-docx.odt    an OpenDocument text: not a .docx
#   docx-alingsas.py   -> alingsas.docx   the Alingsås example plan
#                         (examples/alingsas-ks-2023-217/plan.txt) with
#                         heading styles
#   docx-alingsas.py | pkg-alingsas.py -> pkg-alingsas.docx   the same plan
#                         with a header, a footer with the page number, a
#                         bookmark, a comment and tracked changes (for the
#                         export into the incoming package, tests/docx_package.rs)
#   em-features.fodt   -> em-features.docx, em-features.pdf   bold, italic and
#                         bold italic words, a bold character style, a bold
#                         paragraph style, headings (tests/emphasis.rs)
# The outputs are committed; run this after changing a source, then
# `cargo test --test docx_read`. Needs soffice (.ci/setup installs
# libreoffice-writer-nogui) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "error: soffice not found; run .ci/setup" >&2; exit 1; }

python3 "$here/docx-alingsas.py" "$root/examples/alingsas-ks-2023-217/plan.txt" > "$work/alingsas.fodt"
python3 "$here/pkg-alingsas.py" < "$work/alingsas.fodt" > "$work/pkg-alingsas.fodt"
cp "$here/docx-features.fodt" "$work/features.fodt"
cp "$here/em-features.fodt" "$work/em-features.fodt"

# a profile of its own, so that a LibreOffice already running is no bother
convert() { # format file
  soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to "$1" --outdir "$work" "$2" >/dev/null 2>&1
}
convert 'docx:MS Word 2007 XML' "$work/features.fodt"
convert 'docx:MS Word 2007 XML' "$work/alingsas.fodt"
convert 'docx:MS Word 2007 XML' "$work/pkg-alingsas.fodt"
convert odt "$work/features.fodt"
convert 'docx:MS Word 2007 XML' "$work/em-features.fodt"
convert pdf "$work/em-features.fodt"
cp "$work/features.docx" "$here/features.docx"
cp "$work/alingsas.docx" "$here/alingsas.docx"
cp "$work/pkg-alingsas.docx" "$here/pkg-alingsas.docx"
cp "$work/features.odt" "$here/not-docx.odt"
cp "$work/em-features.docx" "$work/em-features.pdf" "$here/"
ls -l "$here/features.docx" "$here/alingsas.docx" "$here/pkg-alingsas.docx" "$here/not-docx.odt"
