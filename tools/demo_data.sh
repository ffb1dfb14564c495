#!/usr/bin/env bash
# Makes a demo village database through the qiaomen CLI (for screenshots, the user guide,
# and for trying the app): 4 grids, 40 households, inspections with hazards, revisits,
# closed hazards, publicity events, a round.
# Usage: tools/demo_data.sh DB_FILE [QIAOMEN_BINARY]
set -euo pipefail
DB=${1:?usage: tools/demo_data.sh DB_FILE [qiaomen binary]}
Q=${2:-${CARGO_TARGET_DIR:-$HOME/.cache/qiaomen/target}/debug/qiaomen}
rm -f "$DB" "$DB-wal" "$DB-shm"
q() { "$Q" --db "$DB" "$@" >/dev/null; }
q init --unit 东村村民委员会 --township 下曲镇 --contact 王秀英 --phone 13834561234 --clerk 王秀英
leaders=(张德山 刘桂香 李建国 赵春梅)
phones=(13912345678 13987654321 13711112222 13633334444)
for g in 1 2 3 4; do
  q grids add --name "第${g}网格" --no "$g" --leader "${leaders[$((g-1))]}" --phone "${phones[$((g-1))]}"
done
surnames=(李 王 张 刘 陈 杨 赵 黄 周 吴)
given=(䶮 堃 喆 玥 昇 桂兰 建华 秀英 国强 海燕)
n=0
for g in 1 2 3 4; do
  for i in $(seq 1 10); do
    n=$((n+1))
    name="${surnames[$(( (n*3) % 10 ))]}${given[$(( (n*7) % 10 ))]}"
    res=$(( (n % 5) + 1 )); vul=$(( n % 3 == 0 ? 1 : 0 ))
    nature=居民住宅; [ $((n % 9)) -eq 0 ] && nature=九小场所; [ $((n % 13)) -eq 0 ] && nature=多合一场所
    q households add --name "$name" --address "东村${g}组${i}号" --grid "$g" --residents $res --vulnerable $vul \
      --phone "138$(printf '%08d' $((n*7919 % 100000000)))" --structure 砖木结构 --nature "$nature" --floors $(( (n%3)+1 ))
  done
done
# Inspections: most households visited in November, a few hazards each.
d=1
for code in $("$Q" --db "$DB" households list --json | python3 -c 'import json,sys; print(" ".join(h["code"] for h in json.load(sys.stdin)))'); do
  d=$(( d % 20 + 1 )); date=$(printf '2026-11-%02d' $d)
  case $(( ${code: -1} % 5 )) in
    0) continue ;;                                       # not visited yet
    1) q inspections add --household "$code" --date "$date" --inspectors "张德山、王秀英" --safe --signed ;;
    2) q inspections add --household "$code" --date "$date" --inspectors "张德山" --yes 4,10 --safe --signed --assigned "更换老化电线，电动车移到室外充电" ;;
    3) q inspections add --household "$code" --date "$date" --inspectors "刘桂香" --yes 1,5 --safe --fixed 5 --signed ;;
    4) q inspections add --household "$code" --date "$date" --inspectors "李建国" --yes 7,13 --safe \
         --other "菜窖通风口堵塞|防有限空间中毒事故" --assigned "清理杂物，取暖时开窗通风" ;;
  esac
done
# Close some hazards, revisit others.
i=0
for id in $("$Q" --db "$DB" hazards list --open --json | python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)))'); do
  i=$((i+1))
  if [ $((i % 3)) -eq 0 ]; then q hazards close "$id" --date 2026-11-21 --note "已整改，回访确认";
  elif [ $((i % 3)) -eq 1 ]; then q hazards revisit "$id" --date 2026-11-20 --result "正在整改";
  fi
done
q publicity add --date 2026-11-05 --category 防煤气中毒事故 --kind 广播 --sessions 3 --people 420
q publicity add --date 2026-11-12 --category 防小火亡人事故 --kind 发放明白卡 --sessions 1 --people 136
q publicity add --date 2026-11-18 --category 防燃气爆炸事故 --kind 讲座 --sessions 1 --people 58
q rounds add --name "第一轮（11月）" --from 2026-11-01 --to 2026-11-30
echo "演示数据已写入 $DB"
