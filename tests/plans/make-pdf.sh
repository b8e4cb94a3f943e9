#!/usr/bin/env bash
# Makes the PDFs of the PDF reader's tests (tests/pdf_read.rs) with real
# programs, from sources kept here:
#   make-pdf-fodt.py -> pdf-features.fodt -> pdf-features.pdf
#                       pdf-alingsas.fodt -> alingsas.pdf   (LibreOffice)
#   pdf-features.pdf -> pdf-encrypted.pdf  (qpdf, a user password)
#                    -> pdf-no-copy.pdf    (qpdf, copying text forbidden)
#                    -> pdf-truncated.pdf  (its first half)
#   pdf-features.pdf -> pdf-image-only.pdf  its first page as an image
#                       only, as a scan is: no text layer
# The outputs are committed; run this after changing a source, then
# `cargo test --test pdf_read`. Needs python3, soffice, qpdf,
# pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 make-pdf-fodt.py ../.. .
for doc in pdf-features pdf-alingsas; do
  # a profile of its own, so that a LibreOffice already running is no bother
  soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work" "$doc.fodt" >/dev/null 2>&1
done
cp "$work/pdf-features.pdf" pdf-features.pdf
cp "$work/pdf-alingsas.pdf" alingsas.pdf

# encrypted with a user password: no text without it
qpdf --encrypt secret secret 256 -- pdf-features.pdf pdf-encrypted.pdf
# no password to open it, but copying its text forbidden
qpdf --encrypt "" owner 256 --extract=n -- pdf-features.pdf pdf-no-copy.pdf

# the first half of a PDF: cut off, without its cross-reference table
size=$(stat -c %s pdf-features.pdf)
head -c $((size / 2)) pdf-features.pdf > pdf-truncated.pdf

# a scan: a page that holds only an image of text, without a text layer
pdftoppm -png -r 30 -f 1 -l 1 pdf-features.pdf "$work/scan"
python3 make-pdf-fodt.py --image-only "$work/scan-1.png" > "$work/pdf-image-only.fodt"
soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to pdf --outdir "$work" "$work/pdf-image-only.fodt" >/dev/null 2>&1
cp "$work/pdf-image-only.pdf" pdf-image-only.pdf
ls -l pdf-features.pdf alingsas.pdf pdf-encrypted.pdf pdf-no-copy.pdf pdf-truncated.pdf pdf-image-only.pdf
