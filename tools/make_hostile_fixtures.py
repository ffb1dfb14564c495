#!/usr/bin/env python3
"""Writes the zip bombs under tests/fixtures/hostile/ (used by
crates/qiaomen-core/tests/hostile_input.rs): small files that inflate beyond the sheet
reader's limit (qiaomen_sheet::MAX_UNCOMPRESSED_BYTES, 300 MB). Built with Python's
zlib because compressing 300 MB in a debug-built test takes half a minute."""
import os, zipfile

LIMIT = 300 * 1024 * 1024
OUT = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'hostile')


def write(name, entries):
    path = os.path.join(OUT, name)
    chunk = b'0' * (1 << 20)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for entry, size in entries:
            if isinstance(size, bytes):
                z.writestr(entry, size)
                continue
            with z.open(entry, 'w', force_zip64=size > 0xFFFFFFFF) as f:
                left = size
                while left:
                    n = min(left, len(chunk))
                    f.write(chunk[:n])
                    left -= n
    print(name, os.path.getsize(path), 'bytes')


os.makedirs(OUT, exist_ok=True)
# One sheet that inflates past the limit.
write('bomb_sheet.xlsx', [('xl/workbook.xml', 100), ('xl/worksheets/sheet1.xml', LIMIT + (16 << 20))])
# Several entries each under the limit, together over it.
per = LIMIT // 4 + 1
write('bomb_many.ods', [('mimetype', b'application/vnd.oasis.opendocument.spreadsheet'), ('content.xml', per), ('a.xml', per), ('b.xml', per), ('c.xml', per)])
