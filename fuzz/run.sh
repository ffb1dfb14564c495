#!/bin/bash
# Runs the fuzz targets for a while each: fuzz/run.sh SECONDS [TARGET...]
# Works on the stable toolchain through RUSTC_BOOTSTRAP=1. Builds once, then runs the
# libFuzzer binaries directly (so edits elsewhere in the tree do not rebuild mid-run).
# Prints the executions reached; fails when a target found a crash, leak, timeout or OOM.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}; shift || true
targets=${*:-template_parse sheet_read roster_import entry_import}
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$PWD/target}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
build=(-O --debug-assertions)
# `sheet_read` needs only the spreadsheet reader: run alone, it builds without the rest of
# qiaomen (the importer targets need the `core` feature of this crate, on by default).
if [ "$targets" = sheet_read ]; then build+=(--no-default-features sheet_read); fi
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo fuzz build "${build[@]}"
bin=$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release
status=0
for t in $targets; do
  mkdir -p "corpus/$t" "regressions/$t" "artifacts/$t"
  echo "== $t: ${secs}s"
  # FUZZ_SCRATCH=1 (CI): new inputs go to a scratch folder; the committed corpus is only read.
  out="corpus/$t"
  if [ -n "${FUZZ_SCRATCH:-}" ]; then out=$(mktemp -d); fi
  # One log per run: two runs at once (a session and its CI) must not share one.
  log="/tmp/qiaomen-fuzz-$t-$$.log"
  "$bin/$t" "$out" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 >"$log" 2>&1 || true
  # -a: the log quotes inputs, which can make grep take it for a binary file.
  grep -a -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)|SUMMARY|ERROR" "$log" || true
  echo "   (log: $log)"
  if [ -n "${FUZZ_SCRATCH:-}" ]; then rm -rf "$out"; fi
  # (One `ls` over the four patterns would fail whenever one of them matched nothing.)
  if [ -n "$(find "artifacts/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'oom-*' \
      -o -name 'timeout-*' -o -name 'leak-*' \) -print -quit)" ]; then
    echo "!! $t found problems: see fuzz/artifacts/$t (copy the inputs to regressions/$t)"
    status=1
  fi
done
exit $status
