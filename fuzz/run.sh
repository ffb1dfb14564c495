#!/bin/bash
# Runs the fuzz targets for a while each: fuzz/run.sh SECONDS [TARGET...]
# Works on the stable toolchain through RUSTC_BOOTSTRAP=1. Prints the executions reached.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}; shift || true
targets=${*:-template_parse sheet_read roster_import entry_import}
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$PWD/target}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo fuzz build -O --debug-assertions
for t in $targets; do
  mkdir -p corpus/$t regressions/$t
  echo "== $t: ${secs}s"
  cargo fuzz run -O --debug-assertions "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 2>&1 | tee "/tmp/qiaomen-fuzz-$t.log" | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)" || true
  if ls artifacts/$t/crash-* artifacts/$t/oom-* artifacts/$t/timeout-* >/dev/null 2>&1; then
    echo "!! $t found problems: see fuzz/artifacts/$t (copy the inputs to regressions/$t)"
    exit 1
  fi
done
