#!/usr/bin/env bash
# Makes assets/fonts/NotoSansCJKsc-Rare.otf, the webview's face for rare characters: the
# glyphs of assets/fonts/NotoSansCJKsc-Regular.otf in the ranges app.css declares for it
# (CJK Extension A, Extension B and later, the compatibility ideographs), 3 MB instead of the
# whole 16 MB font. Needs fontTools (pip install fonttools); run it again only if the full
# font or the ranges change.
set -euo pipefail
cd "$(dirname "$0")/.."
RANGES="U+3400-4DBF,U+20000-3FFFF,U+F900-FAFF,U+2F800-2FA1F"
pyftsubset assets/fonts/NotoSansCJKsc-Regular.otf --unicodes="$RANGES" \
  --layout-features='*' --name-IDs='*' --notdef-outline \
  --output-file=assets/fonts/NotoSansCJKsc-Rare.otf
ls -l assets/fonts/NotoSansCJKsc-Rare.otf
