#!/usr/bin/env bash
# Township benchmark (issue 17, BENCHMARKS.md "Township"): N packages of H households each
# imported into a fresh township database by the release CLI, then one newer package
# re-imported, the same one again, `township villages` and the township's table; wall time
# and peak memory from /usr/bin/time. First the village's side: a village database of H
# households and 3·H inspections (stats_bench's generator, 16 answers per visit added) exported
# by `package export` to the township's key and with a passphrase, each imported. Generated
# files go to $DIR (deleted at the end unless KEEP=1). BIG=1 also builds the
# 1,000,000-household township (334 villages).
set -euo pipefail
export PATH=$HOME/.cargo/bin:$PATH
: "${CARGO_TARGET_DIR:=/work/targets/shared}"
DIR=${DIR:-$CARGO_TARGET_DIR/bench-township}
N=${N:-30}
H=${H:-3000}
rm -rf "$DIR"
mkdir -p "$DIR/bin"
# Private copies of exactly the binaries this build made (from cargo's JSON messages): the
# shared target folder's release/ files may be another checkout's, rebuilt mid-run.
cargo build --release -q -p qiaomen-cli -p qiaomen-core --bin qiaomen --example township_bench --example stats_bench \
  --message-format=json \
  | python3 -c 'import json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["executable"])' \
  | while read -r exe; do cp "$exe" "$DIR/bin/$(basename "$exe" | sed 's/-[0-9a-f]*$//')"; done
Q="$DIR/bin/qiaomen"
B="$DIR/bin/township_bench"
S="$DIR/bin/stats_bench"

measure() { # label, command...: wall seconds and peak RSS of one run
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" > "$DIR/out.txt"
  read -r secs kb < "$DIR/time.txt"
  printf '%-58s %7.2f s  %6d MB peak\n' "$label" "$secs" $((kb / 1024))
}

size() { stat -c %s "$1" | awk '{printf "%.2f MB", $1/1e6}'; }

village() { # households: one village database through `package export`, then imported
  local d=$DIR/village h=$1
  mkdir -p "$d"
  "$S" gen "$d/v.sqlite3" "$h" $((h * 3)) 2> /dev/null
  sqlite3 "$d/v.sqlite3" "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 16)
    INSERT INTO answers SELECT i.id, n.k, CASE WHEN abs(random()) % 8 = 0 THEN 'yes' ELSE 'no' END
    FROM inspections i, n;"
  "$Q" --db "$d/v.sqlite3" rounds add --name 第二轮 --from 2024-12-01 --to 2024-12-15 > /dev/null
  "$Q" --db "$d/town.sqlite3" township init --unit 基准镇 > /dev/null
  "$Q" --db "$d/town.sqlite3" township key --out "$d/town.pub" > /dev/null
  echo "village database: $(size "$d/v.sqlite3"), $(sqlite3 "$d/v.sqlite3" "SELECT (SELECT count(*) FROM households) || ' households, ' || (SELECT count(*) FROM inspections) || ' inspections, ' || (SELECT count(*) FROM hazards) || ' hazards, ' || (SELECT count(*) FROM publicity) || ' publicity events'")"
  measure "village: package export, to the township's key" \
    "$Q" --db "$d/v.sqlite3" package export --out "$d/key.qmpkg" --to-key "$d/town.pub"
  echo "  package: $(size "$d/key.qmpkg")"
  echo 基准村冬季口令2024 > "$d/pass.txt"
  measure "village: package export, with a passphrase" \
    "$Q" --db "$d/v.sqlite3" package export --out "$d/pass.qmpkg" --passphrase-file "$d/pass.txt"
  echo "  package: $(size "$d/pass.qmpkg")"
  measure "township: import that keyed package (fresh database)" \
    "$Q" --db "$d/town.sqlite3" township import "$d/key.qmpkg" --json
  "$Q" --db "$d/town2.sqlite3" township init --unit 基准镇 > /dev/null
  measure "township: import the passphrase package (fresh database)" \
    "$Q" --db "$d/town2.sqlite3" township import "$d/pass.qmpkg" --passphrase-file "$d/pass.txt" --json
  rm -rf "$d"
}

run() { # dir villages households
  local d=$1 n=$2 h=$3
  "$B" gen "$d" "$n" "$h"
  "$Q" --db "$d/town.sqlite3" township init --unit 基准镇 > /dev/null
  measure "import $n packages of $h households (fresh database)" \
    "$Q" --db "$d/town.sqlite3" township import "$d"/pkgs/v*.qmpkg --json
  grep -c '"status": "imported"' "$DIR/out.txt" | sed 's/^/  imported: /'
  measure "re-import one newer package of $h households (replace)" \
    "$Q" --db "$d/town.sqlite3" township import "$d/v000-2.qmpkg" --json
  grep -A3 '"households"' "$DIR/out.txt" | tr -d ' \n'; echo
  measure "the same package again (unchanged)" \
    "$Q" --db "$d/town.sqlite3" township import "$d/v000-2.qmpkg" --json
  measure "township villages --json (process, as of 2024-12-20)" \
    "$Q" --db "$d/town.sqlite3" township villages --as-of 2024-12-20 --json
  measure "township report --cycle 2024-12 --json (process)" \
    "$Q" --db "$d/town.sqlite3" township report --cycle 2024-12 --json
  "$B" bench "$d/town.sqlite3"
  ls -l "$d/town.sqlite3" | awk '{printf "township database: %.1f MB\n", $5/1e6}'
  du -sh "$d/pkgs" | awk '{print "packages: " $1}'
}

echo "== one village of $H households, from its database"
village "$H"
echo "== $N villages of $H households"
run "$DIR/n$N" "$N" "$H"
if [ "${BIG:-0}" = 1 ]; then
  rm -rf "$DIR/n$N"
  echo "== 334 villages of 3000 households (1,002,000 households)"
  run "$DIR/big" 334 3000
fi
[ "${KEEP:-0}" = 1 ] || rm -rf "$DIR"
