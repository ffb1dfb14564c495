#!/usr/bin/env bash
# Benchmark of issue 3: a 20,000-household roster .xlsx imported into a qiaomen database by
# the release build of `qiaomen import households`, side by side with a short pandas +
# openpyxl -> sqlite3 script doing the same import (tools/bench_import_pandas.py).
# Each run starts from a fresh copy of an empty, initialised database.
#
#   tools/bench_import.sh [ROWS]          (default 20000; needs hyperfine, pandas, openpyxl)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-20000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target}"
cargo build --release -q -p qiaomen-cli
QM="$CARGO_TARGET_DIR/release/qiaomen"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 tools/gen_bench_roster.py "$WORK/roster.xlsx" "$ROWS"
"$QM" --db "$WORK/empty.db" init --unit 幸福村村委会 >/dev/null
echo "roster: $ROWS households, $(du -k "$WORK/roster.xlsx" | cut -f1) KB; $(nproc) cores"
# One checked run of each: how many households each put in the database.
cp "$WORK/empty.db" "$WORK/q.db"
"$QM" --db "$WORK/q.db" import households "$WORK/roster.xlsx" --json > "$WORK/report.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('qiaomen: imported', d['imported'], 'skipped', len(d['skipped']), 'warnings', len(d['warnings']))" "$WORK/report.json"
cp "$WORK/empty.db" "$WORK/p.db"
echo "pandas:  imported $(python3 tools/bench_import_pandas.py "$WORK/roster.xlsx" "$WORK/p.db")"
echo "python $(python3 -c 'import sys, pandas, openpyxl; print(sys.version.split()[0], "pandas", pandas.__version__, "openpyxl", openpyxl.__version__)')"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$WORK/result.md" \
  --prepare "cp $WORK/empty.db $WORK/q.db; rm -f $WORK/q.db-wal $WORK/q.db-shm" \
  -n "qiaomen import households (release)" \
  "$QM --db $WORK/q.db import households $WORK/roster.xlsx --json > /dev/null" \
  --prepare "cp $WORK/empty.db $WORK/p.db; rm -f $WORK/p.db-wal $WORK/p.db-shm" \
  -n "pandas + openpyxl -> sqlite3" \
  "python3 tools/bench_import_pandas.py $WORK/roster.xlsx $WORK/p.db > /dev/null"
cat "$WORK/result.md"
