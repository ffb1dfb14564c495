#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the project's own files: the built-in templates and
the spreadsheet fixtures. The first byte of a spreadsheet input picks the extension the
harness gives the file (0 xlsx, 1 xls, 2 ods, 3 csv; see harness.rs split_ext)."""
import glob, hashlib, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXT = {'xlsx': 0, 'xls': 1, 'ods': 2, 'csv': 3}


def put(target, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


for t in glob.glob(os.path.join(ROOT, 'assets', 'templates', '*.json')):
    put('template_parse', open(t, 'rb').read())
for broken in [b'{', b'{"id":"x","version":1}', b'[]', b'null', b'{"items":[{"no":1}]}']:
    put('template_parse', broken)

for sub in ['rosters', 'entry']:
    for f in sorted(glob.glob(os.path.join(ROOT, 'tests', 'fixtures', sub, '*'))):
        ext = f.rsplit('.', 1)[-1]
        if ext not in EXT:
            continue
        data = bytes([EXT[ext]]) + open(f, 'rb').read()
        put('sheet_read', data)
        put('roster_import' if sub == 'rosters' else 'entry_import', data)
