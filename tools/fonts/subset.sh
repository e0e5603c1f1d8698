#!/bin/sh
# Makes plugins/share_images/fonts/NotoSans-{Regular,Bold}.ttf: Noto Sans from Debian's fonts-noto-core
# (20201225-1, OFL 1.1), cut down to Latin (German and the other Western European letters) and Cyrillic
# (Ukrainian, Russian), without hinting: 43 KB instead of 510 KB each. Run once by hand; the build never runs it.
#
#   sh tools/fonts/subset.sh        (needs apt-get and python3; downloads the .deb, installs nothing)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../../plugins/share_images/fonts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-noto-core=20201225-1
dpkg-deb -x fonts-noto-core_20201225-1_all.deb deb
python3 -m venv venv
venv/bin/pip install --quiet fonttools==4.68.0
# Basic Latin, Latin-1, Latin Extended-A, ș ț, ẞ, ʼ (Ukrainian apostrophe), modifier accents, combining acute,
# Cyrillic with Ґ ґ, punctuation (dashes, quotes, ellipsis), €, №, ™, arrows, ≈ ≤ ≥ −.
unicodes="U+0020-007E,U+00A0-017F,U+0218-021B,U+1E9E,U+02BC,U+02C6-02DD,U+0300-0301,U+0400-045F,U+0490-0491"
unicodes="$unicodes,U+2010-2027,U+2030-203A,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+2248,U+2264-2265"
for weight in Regular Bold; do
  venv/bin/pyftsubset "deb/usr/share/fonts/truetype/noto/NotoSans-$weight.ttf" --unicodes="$unicodes" \
    --layout-features='kern,liga,ccmp,locl,mark,mkmk' --no-hinting --desubroutinize --name-IDs='*' \
    --output-file="$target/NotoSans-$weight.ttf"
done
ls -l "$target"
