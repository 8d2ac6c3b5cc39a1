#!/usr/bin/env bash
# Longer fuzzing on demand (docs/reliability.md). CI runs the Fuzz… tests with their small default
# iteration counts; this runs them with more, a chosen seed, and keeps the input being tried so that a
# crash (which kills the test process) leaves it behind.
#
#   scripts/fuzz.sh [ITERATIONS] [SEED]      e.g. scripts/fuzz.sh 5000 7
#
# A base-data input on which validate and load disagree (the test goes on) is kept as $SAVE/basedata.failed-<n>.
# On a crash or a reported hang, the offending input is in $SAVE/<parser>.current: copy it into
# Tests/TestFixtures/Resources/fuzz/<parser>/ (see the README there for the naming of basedata and mrio
# cases), fix the bug, and the keptRegressionInputs tests replay it from then on.
set -euo pipefail
ITERATIONS="${1:-2000}"
SEED="${2:-1}"
SAVE="${CHENGYU_FUZZ_SAVE_DIR:-$(mktemp -d -t chengyu-fuzz-XXXXXX)}"
echo "fuzz: $ITERATIONS iterations per parser (base data: a tenth), seed $SEED, inputs kept in $SAVE"
swift build --build-tests
CHENGYU_FUZZ_SAVE_DIR="$SAVE" CHENGYU_FUZZ_ITERATIONS="$ITERATIONS" CHENGYU_FUZZ_SEED="$SEED" \
  swift test --disable-xctest --skip-build --filter 'FuzzScenarioTests|FuzzSweepTests|FuzzMRIOTableTests'
# Each base-data input revalidates the whole data folder (~0.2 s): fewer of them.
CHENGYU_FUZZ_SAVE_DIR="$SAVE" CHENGYU_FUZZ_ITERATIONS="$(( ITERATIONS / 10 > 0 ? ITERATIONS / 10 : 1 ))" CHENGYU_FUZZ_SEED="$SEED" \
  swift test --disable-xctest --skip-build --filter 'FuzzBaseDataTests'
echo "fuzz: no crash, hang or property failure"
