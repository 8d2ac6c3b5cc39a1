#!/usr/bin/env bash
# The test suite under AddressSanitizer and ThreadSanitizer (docs/reliability.md, "Sanitizers").
#
#   scripts/sanitizers.sh [address|thread|both] [FILTER]
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan) so that the normal .build
# stays untouched. FILTER (a swift test --filter regex) defaults to the whole suite. On 2 shared cores
# ChengyuCLITests alone takes ~27 min under ASan and SimulationEngine + ParameterSweeps ~25 min under TSan
# (docs/reliability.md §5), so CI runs only the fast subset (~2 min) and the rest is on demand:
#
#   scripts/sanitizers.sh address 'MatrixCoreTests|RegionalModelsTests|ScenarioSpecTests|BaseDataTests|ReportingTests'
#   scripts/sanitizers.sh address 'ChengyuCLITests'
#   scripts/sanitizers.sh thread 'SimulationEngineTests|ParameterSweepsTests'
#
# LeakSanitizer is off (detect_leaks=0): the Swift runtime's metadata caches and Foundation's process-wide
# singletons are never freed and would be reported as leaks on every test; ASan still catches
# out-of-bounds access, use-after-free and double free. TSan reports races in user code; OpenBLAS's own
# pthreads are uninstrumented, so BLAS threads are pinned to 1 under TSan (OPENBLAS_NUM_THREADS=1) to avoid
# false reports inside the library.
set -euo pipefail
WHICH="${1:-both}"
FILTER="${2:-}"
filter_args=()
[[ -n "$FILTER" ]] && filter_args=(--filter "$FILTER")

run() {  # run SANITIZER SCRATCH
  local s="$1" dir="$2"
  echo "== $s sanitizer (scratch $dir${FILTER:+, filter $FILTER})"
  swift build --build-tests --sanitize="$s" --scratch-path "$dir"
  ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" TSAN_OPTIONS="halt_on_error=1:${TSAN_OPTIONS:-}" \
  OPENBLAS_NUM_THREADS="$([[ $s == thread ]] && echo 1 || echo "${OPENBLAS_NUM_THREADS:-2}")" \
    swift test --disable-xctest --skip-build --sanitize="$s" --scratch-path "$dir" "${filter_args[@]}"
}

case "$WHICH" in
  address) run address .build-asan ;;
  thread) run thread .build-tsan ;;
  both) run address .build-asan; run thread .build-tsan ;;
  *) echo "usage: $0 [address|thread|both] [FILTER]" >&2; exit 2 ;;
esac
