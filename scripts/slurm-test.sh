#!/usr/bin/env bash
# Real-Slurm test of `chengyu sweep` (issue 8), on a local single-node Slurm brought up here.
#
#   bash scripts/slurm-test.sh            # needs root on Debian; skips (exit 0) with a message otherwise
#   CHENGYU=path/to/chengyu bash scripts/slurm-test.sh     # or SLURM_TEST_CONFIG=release
#
# 1. installs Debian's slurmctld slurmd slurm-client munge if absent; starts munged, slurmctld and slurmd by
#    hand (no systemd), with proctrack/linuxproc and task/affinity (cgroup plugins fail on such VMs);
# 2. plans a 40-run sweep, runs it locally (1 shard) and merges: result A;
# 3. plans it again, `chengyu sweep slurm --shards 4 --submit`, with shard 2 made to fail once (the jobs
#    run a wrapper, via --executable, that exits 1 once for shard 2); waits for the afterany merge job; checks that the merge
#    failed (exit 2) and that `sweep status` names shard 2 with `sbatch --array=2 …`;
# 4. re-runs only index 2 with `sbatch --wait --array=2 array.sbatch`, merges: result B; A == B byte for byte;
# 5. runs a 12-member ensemble of the baseline (`run --ensemble`, posterior draws) locally, then as a 4-task
#    Slurm array of `--shard I/4`, merges with `--merge 4`: bands.csv, goal_probabilities.csv, draws.csv and
#    ensemble.json byte-identical to the local run;
# 6. stops every daemon it started, by PID, in an EXIT trap.
# Prints "slurm-test: PASS" or "slurm-test: FAIL: <why>" and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null || [ ! -r /etc/debian_version ]; then
  echo "slurm-test: SKIP (needs root on Debian with apt-get to install and start a local Slurm)"
  exit 0
fi

STATE=${SLURM_TEST_STATE:-/tmp/chengyu-slurm-test}
WORK=$STATE/work
STARTED_PIDS=()
fail() { echo "slurm-test: FAIL: $*"; exit 1; }
log() { echo "slurm-test: $*"; }

cleanup() {
  local rc=$?
  if command -v squeue >/dev/null && [ -e "$STATE/slurmctld.pid" ]; then
    for j in $(squeue -h -o %A 2>/dev/null); do scancel "$j" 2>/dev/null || true; done
  fi
  for f in "$STATE/slurmd.pid" "$STATE/slurmctld.pid" "$STATE/munged.pid"; do
    [ -s "$f" ] || continue
    pid=$(cat "$f")
    case " ${STARTED_PIDS[*]:-} " in *" $pid "*) ;; *) continue ;; esac
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  done
  if [ $rc -ne 0 ] && [ -d "$STATE/log" ]; then
    echo "--- slurmctld.log (tail)"; tail -n 20 "$STATE/log/slurmctld.log" 2>/dev/null
    echo "--- slurmd.log (tail)"; tail -n 20 "$STATE/log/slurmd.log" 2>/dev/null
  fi
  exit $rc
}
trap cleanup EXIT

# --- 1. install and start --------------------------------------------------------------------------------
need=""
for p in slurmctld slurmd slurm-client munge; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  log "installing$need"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1) ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $need >/dev/null; } ||
    fail "apt-get install$need"
fi
if pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; then
  fail "a slurmctld or slurmd is already running; this test brings up its own and will not touch others"
fi

rm -rf "$STATE"
mkdir -p "$STATE"/{state,slurmd,log} "$WORK"
# munge: the key comes from the package's postinst; /run/munge only systemd would create.
[ -e /etc/munge/munge.key ] || mungekey --create >/dev/null 2>&1 || fail "no munge key"
mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged already running (not started by this test)"
else
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid || fail "munged did not start"
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE/munged.pid"
  STARTED_PIDS+=("$(cat "$STATE/munged.pid")")
  munge -n | unmunge >/dev/null || fail "munge -n | unmunge"
fi

CPUS=$(nproc)
MEM=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
cat > /etc/slurm/slurm.conf <<EOF
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=10001
MaxJobCount=50000
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=10
Waittime=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -i || fail "slurmctld did not start"
for _ in $(seq 50); do [ -s "$STATE/slurmctld.pid" ] && break; sleep 0.1; done
STARTED_PIDS+=("$(cat "$STATE/slurmctld.pid")")
slurmd -N localhost || fail "slurmd did not start"
for _ in $(seq 50); do [ -s "$STATE/slurmd.pid" ] && break; sleep 0.1; done
STARTED_PIDS+=("$(cat "$STATE/slurmd.pid")")
for _ in $(seq 150); do
  [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = "idle" ] && break; sleep 0.2
done
[ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = "idle" ] || fail "the node is not idle: $(sinfo -h -n localhost -o '%T %E' 2>&1)"
log "local Slurm up ($CPUS CPUs)"

# --- 2. the local reference ------------------------------------------------------------------------------
# The executable: $CHENGYU, else a fresh build (incremental) of the configuration in SLURM_TEST_CONFIG
# (debug by default: after `swift test` it is already built; release is faster to run, slower to build).
CHENGYU=${CHENGYU:-}
if [ -z "$CHENGYU" ]; then
  CONFIG=${SLURM_TEST_CONFIG:-debug}
  swift build -c "$CONFIG" --product chengyu >/dev/null || fail "swift build -c $CONFIG"
  CHENGYU=$ROOT/.build/$CONFIG/chengyu
fi
CHENGYU=$(readlink -f "$CHENGYU")
SPEC=$WORK/sweep.yaml
cat > "$SPEC" <<EOF
schema: chengyu/sweep/v1
name: slurm-test
base: $ROOT/Scenarios/baseline.yaml
until: 2021
seed: 11
design: {kind: lhs, samples: 40}
parameters:
  flq.delta: {}
  migration.wageElasticity: {}
outputs:
  indicators:
    - {indicator: gdp, place: circle, year: 2021}
    - {indicator: population, place: sc-chengdu, year: 2021}
    - {indicator: urbanisation_rate, place: circle, year: 2021}
shards: 4
EOF
"$CHENGYU" sweep plan "$SPEC" --out "$WORK/local" -q || fail "sweep plan (local)"
"$CHENGYU" sweep run "$WORK/local" --jobs auto -q || fail "sweep run (local)"
"$CHENGYU" sweep merge "$WORK/local" -q || fail "sweep merge (local)"
log "local reference: $(($(wc -l < "$WORK/local/results.csv") - 1)) runs"

# --- 3. through Slurm, with shard 2 failing once -----------------------------------------------------------
RUN=$WORK/slurm
"$CHENGYU" sweep plan "$SPEC" --out "$RUN" -q || fail "sweep plan (slurm)"
# Shard 2 fails the first time: the jobs run a wrapper (sweep slurm --executable) that exits 1 once for
# shard 2 and otherwise execs chengyu. No test hook lives in chengyu or in the generated scripts.
WRAP=$WORK/chengyu-fail-once
cat > "$WRAP" <<EOF
#!/bin/bash
case " \$* " in
  *" --shard 2/4 "*) if [ ! -e "$RUN/failed-once" ]; then touch "$RUN/failed-once"; echo "failing once (test)"; exit 1; fi ;;
esac
exec "$CHENGYU" "\$@"
EOF
chmod +x "$WRAP"
OUT=$("$CHENGYU" sweep slurm "$RUN" --shards 4 --cpus-per-task 1 --time 00:10:00 --executable "$WRAP" --submit -q) ||
  fail "sweep slurm --submit: $OUT"
echo "$OUT"
MERGE=$(echo "$OUT" | sed -n 's/.*merge=\([0-9]*\).*/\1/p')
[ -n "$MERGE" ] || fail "no merge job id in: $OUT"
for _ in $(seq 600); do
  [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break; sleep 0.5
done
[ -z "$(squeue -h -o %A)" ] || fail "jobs still queued after 300 s: $(squeue)"
[ -e "$RUN/failed-once" ] || fail "shard 2 did not run its failing-once hook"
MLOG=$(ls "$RUN"/slurm/logs/*merge_"$MERGE".out 2>/dev/null | head -1)
[ -n "$MLOG" ] || fail "no merge log for job $MERGE"
grep -q "incomplete" "$MLOG" || fail "the merge after the failed shard did not report incomplete: $(cat "$MLOG")"
[ ! -e "$RUN/results.csv" ] || fail "results.csv written although shard 2 failed"
STATUS=$("$CHENGYU" sweep status "$RUN")
echo "$STATUS"
echo "$STATUS" | grep -q "sbatch --array=2 $RUN/slurm/array.sbatch" || fail "status does not name shard 2 with its sbatch line"
"$CHENGYU" sweep merge "$RUN" -q 2>/dev/null; rc=$?
[ $rc -eq 2 ] || fail "merge of the incomplete sweep exited $rc, expected 2"

# --- 4. re-run only the failed index ----------------------------------------------------------------------
sbatch --wait --array=2 "$RUN/slurm/array.sbatch" >/dev/null || fail "re-run of shard 2"
"$CHENGYU" sweep merge "$RUN" -q || fail "merge after the re-run"
cmp "$WORK/local/results.csv" "$RUN/results.csv" || fail "results.csv differs between the local run and Slurm"
cmp "$WORK/local/results.sqlite" "$RUN/results.sqlite" || fail "results.sqlite differs between the local run and Slurm"
log "4 Slurm shards (one failed once, re-run alone) == local run, byte for byte ($(($(wc -l < "$RUN/results.csv") - 1)) runs)"
# --- 5. an ensemble split into 4 Slurm shards ---------------------------------------------------------------
ENS=(run "$ROOT/Scenarios/baseline.yaml" --ensemble 12 --until 2021 --seed 5)
"$CHENGYU" "${ENS[@]}" --jobs 2 --out "$WORK/ens-local" -q >/dev/null || fail "local ensemble"
cat > "$WORK/ensemble.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=chengyu-ensemble
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --time=00:10:00
#SBATCH --output=$WORK/ensemble-%a.log
exec "$CHENGYU" ${ENS[*]} --jobs 1 --shard \${SLURM_ARRAY_TASK_ID}/4 --out "$WORK/ens-slurm" -q
EOF
sbatch --wait "$WORK/ensemble.sbatch" >/dev/null || fail "ensemble shards under Slurm: $(cat "$WORK"/ensemble-*.log 2>/dev/null)"
[ "$(ls "$WORK"/ens-slurm/shards/ensemble-shard-*-of-4.bin 2>/dev/null | wc -l)" -eq 4 ] || fail "not 4 ensemble shard files"
"$CHENGYU" "${ENS[@]}" --merge 4 --out "$WORK/ens-slurm" -q >/dev/null || fail "ensemble merge"
for f in bands.csv goal_probabilities.csv draws.csv ensemble.json; do
  cmp "$WORK/ens-local/$f" "$WORK/ens-slurm/$f" || fail "$f differs between the local ensemble and its 4 Slurm shards"
done
log "ensemble of 12 in 4 Slurm shards == local run, byte for byte (bands.csv, goal_probabilities.csv, draws.csv, ensemble.json)"
echo "slurm-test: PASS"
