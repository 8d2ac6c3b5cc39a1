# Chengyu: the two commands of the README, and helpers.
#   make run    install what is missing, build, run the main job on the bundled data
#   make install  put `chengyu` on PATH (PREFIX=/usr/local) with its data and scenarios
#   make test   install what is missing, run every test
SHELL := /bin/bash
SWIFT ?= swift
# chromium and fonts-wqy-microhei: the report's browser test (ReportBrowserTests) renders it with CJK text.
APT_PACKAGES := libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config chromium fonts-wqy-microhei
CONFIG ?= release
PREFIX ?= /usr/local

.PHONY: setup build run install uninstall test test-fast bench bench-baseline bench-check peers posterior snapshots golden screenshots iamc-check slurm-test fuzz sanitize clean

# Installs the Debian packages only when one is absent (needs root or sudo the first time).
setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c $(CONFIG)

# The main job: the baseline scenario on the bundled 2019 data, against the 2025 and 2035 goals.
run: build
	$(SWIFT) run -c $(CONFIG) chengyu run Scenarios/baseline.yaml

# Puts `chengyu` on PATH: PREFIX/bin/chengyu, with its data and the bundled scenarios in PREFIX/share/chengyu
# (PREFIX=/usr/local by default; sudo when PREFIX is not writable). `make install PREFIX=$$HOME/.local` needs no root.
install: build
	bash scripts/install.sh "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)" "$(PREFIX)"

uninstall:
	rm -rf "$(PREFIX)/bin/chengyu" "$(PREFIX)/share/chengyu"

test: setup
	$(SWIFT) test --disable-xctest

# The quick tests only (minutes less, for the edit–test loop): suites tagged `.slow` skip themselves when
# CHENGYU_TEST_FAST is set (swift-testing's --skip matches names, not tags, in this toolchain), and
test-fast: setup
	CHENGYU_TEST_FAST=1 $(SWIFT) test --disable-xctest

bench: setup
	$(SWIFT) package --package-path Benchmarks benchmark

# Record this machine's benchmark baseline `main` (Benchmarks/.benchmarkBaselines/, committed): after a
# deliberate speed change, on a quiet machine; review the printed comparison first (docs/performance.md).
bench-baseline: setup
	$(SWIFT) package --package-path Benchmarks --allow-writing-to-package-directory benchmark baseline update main

# Run every suite and fail when a metric regresses past its threshold against the baseline `main`.
bench-check: setup
	$(SWIFT) package --package-path Benchmarks benchmark baseline check main

# Chengyu against numpy, scipy and pymrio on the same tables, one run (Benchmarks/peers/README.md).
peers: setup
	bash Benchmarks/peers/run.sh

# Regenerate the bundled posterior (ScenarioSpec/Resources/posterior-2019.csv and .json): ABC rejection of
# history at vintage 2019, 1,000 prior draws, the best 10 % (at V = 2019 nothing is comparable: the first
# 100 draws; see the sidecar's note). The numbers do not depend on CONFIG or --jobs; review the diff.
posterior: setup
	$(SWIFT) run -c $(CONFIG) chengyu calibrate Scenarios/history.yaml --vintage 2019 --draws 1000 --accept-fraction 0.1 \
	  --seed 2019 --out Sources/ScenarioSpec/Resources/posterior-2019.csv

# Regenerate the --help snapshots of the CLI tests; review `git diff Tests/TestFixtures/Resources/help`.
snapshots: setup
	CHENGYU_UPDATE_SNAPSHOTS=1 $(SWIFT) test --disable-xctest --filter HelpSnapshotTests

# Rewrite docs/report.png, docs/report-1200.png and docs/report-375.png with the browser test (headless
# Chromium; the same checks as in `make test`); review them before committing.
screenshots: setup
	CHENGYU_UPDATE_SCREENSHOTS=1 $(SWIFT) test --disable-xctest --filter ReportBrowserTests

# Read `chengyu run --format iamc` back with pyam (pyam-iamc from PyPI in a virtual environment); not in
# `make test` (it downloads pandas and friends). IAMC_VENV picks the environment's folder.
iamc-check: setup
	bash scripts/iamc-check.sh

# Re-pin every bundled scenario's full output (every indicator, place and year) after a deliberate model or
# data change; review `git diff Tests/TestFixtures/Resources/golden` and give the reason in the commit.
golden: setup
	CHENGYU_UPDATE_GOLDEN=1 $(SWIFT) test --disable-xctest --filter GoldenTests

# The real-Slurm sweep test: brings a local single-node Slurm up (root on Debian), runs a sweep through
# `chengyu sweep slurm --submit`, checks it against a local run, stops every daemon it started.
slurm-test: setup
	bash scripts/slurm-test.sh

# Longer fuzzing on demand (CHENGYU_FUZZ_ITERATIONS, CHENGYU_FUZZ_SEED); see docs/reliability.md.
fuzz: setup
	bash scripts/fuzz.sh

# The test suite under AddressSanitizer and ThreadSanitizer (own scratch paths); see docs/reliability.md.
sanitize: setup
	bash scripts/sanitizers.sh both

clean:
	rm -rf .build
