#!/usr/bin/env bash
# `feishu-review review --apply` at scale: PENDING (10,000) pending versions on
# `feishu-review fake --latency-ms 20`, at concurrency 1 and 8. See BENCHMARKS.md.
#
#   bench/review-apply.sh                        # RUNS=3 runs at each concurrency
#   RUNS=1 PENDING=2000 bench/review-apply.sh    # a quick look
#   NO_WRITE=1 bench/review-apply.sh             # print the table, leave BENCHMARKS.md alone
#
# Each run gets a fresh fake (an apply changes its tenant) and a fresh journal; only the
# `review --apply` process is timed (wall clock, bash's EPOCHREALTIME). A run counts only if it
# decided every version, none failed, and the journal has one outcome line per version (besides
# the write-ahead intents, "outcome":"sent", one per PATCH). The fsyncs of each run and the time
# the journal's writer spent writing and fsyncing come from review's last stderr line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/lib.sh

RUNS=${RUNS:-3}
PENDING=${PENDING:-10000}
LATENCY_MS=${LATENCY_MS:-20}
LEVELS=${LEVELS:-"1 8"}
work=$root/target/bench-review
app_id=cli_a1b2c3d4e5f60718
app_secret=fake-app-secret-0123456789abcdef
operator=ou_0f1e2d3c4b5a69788796a5b4c3d2e1f0


fake_pid=
cleanup() {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_tools jq
mkdir -p "$work"

say "build (release)"
cargo build --release -q -p feishu-review
bin=$root/target/release/feishu-review
# The tenant comes from the peers bench's `fixtures` command; a debug build is enough for it.
peers_bin=$(cargo test -q -p feishu-workspace-tests --bench peers --no-run --message-format=json \
  | jq -r 'select(.reason == "compiler-artifact" and .target.name == "peers" and .executable != null) | .executable' | tail -1)
[ -x "$peers_bin" ] || { echo "peers bench binary not found" >&2; exit 1; }
"$peers_bin" fixtures --pending "$PENDING" --out "$work/tenant.json" >/dev/null

start_fake() { # sets fake_pid, fake_url
  "$bin" fake --addr 127.0.0.1:0 --app-id "$app_id" --app-secret "$app_secret" \
    --fixtures "$work/tenant.json" --latency-ms "$LATENCY_MS" >"$work/fake.out" 2>"$work/fake.err" &
  fake_pid=$!
  for _ in $(seq 600); do
    fake_url=$(sed -n 's/^listening on //p' "$work/fake.out" | head -1)
    [ -n "$fake_url" ] && return 0
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the fake did not start: $(cat "$work/fake.err")" >&2
  exit 1
}

stop_fake() {
  kill "$fake_pid" 2>/dev/null || true
  wait "$fake_pid" 2>/dev/null || true
  fake_pid=
}

one_run() { # one_run CONCURRENCY RUN: prints the seconds
  local concurrency=$1 run=$2 journal=$work/journal-$1-$2.jsonl started ended
  rm -f "$journal"
  start_fake
  started=$EPOCHREALTIME
  timeout 1800 "$bin" --base-url "$fake_url" --app-id "$app_id" --app-secret "$app_secret" --json \
    review --apply --operator "$operator" --concurrency "$concurrency" --journal "$journal" \
    >"$work/out.json" 2>"$work/review.err" || { cat "$work/review.err" >&2; exit 1; }
  ended=$EPOCHREALTIME
  stop_fake
  local decided failed lines intents written
  decided=$(jq '.decisions | length' "$work/out.json")
  failed=$(jq '.summary.failed' "$work/out.json")
  lines=$(grep -vc '"outcome":"sent"' "$journal" || true)
  intents=$(grep -c '"outcome":"sent"' "$journal" || true)
  if [ "$decided" != "$PENDING" ] || [ "$failed" != 0 ] || [ "$lines" != "$PENDING" ]; then
    echo "run $run at concurrency $concurrency: decided $decided, failed $failed, journal outcome lines $lines" >&2
    exit 1
  fi
  # "feishu-review: journal FILE: L lines written, F fsyncs, S s writing"
  written=$(sed -n 's/.*: \([0-9]*\) lines written, \([0-9]*\) fsyncs, \([0-9.]*\) s writing$/\1 \2 \3/p' "$work/review.err" | tail -1)
  read -r written_lines fsyncs fsync_seconds <<<"$written"
  echo "$fsyncs $fsync_seconds $written_lines" >>"$work/fsyncs-$concurrency.txt"
  jq -r '.summary | "  \(.approve) approve, \(.reject) reject, \(.human) human" ' "$work/out.json" >&2
  echo "  journal: $written_lines lines ($intents intents), $fsyncs fsyncs, $fsync_seconds s writing and fsyncing" >&2
  awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

declare -A medians
for concurrency in $LEVELS; do
  say "review --apply, $PENDING pending, --latency-ms $LATENCY_MS, --concurrency $concurrency ($RUNS runs)"
  : >"$work/times-$concurrency.txt"
  : >"$work/fsyncs-$concurrency.txt"
  for run in $(seq "$RUNS"); do
    seconds=$(one_run "$concurrency" "$run")
    printf '  run %d: %.1f s\n' "$run" "$seconds" >&2
    echo "$seconds" >>"$work/times-$concurrency.txt"
  done
  medians[$concurrency]=$(median <"$work/times-$concurrency.txt")
done

first=${LEVELS%% *}
table=$(
  echo "| --concurrency | median wall time (s) | min | max | versions/s | speed-up vs $first | fsyncs per run | journal lines per fsync | writing + fsync per run (s) | per fsync (ms) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for concurrency in $LEVELS; do
    m=${medians[$concurrency]}
    lo=$(sort -g "$work/times-$concurrency.txt" | head -1)
    hi=$(sort -g "$work/times-$concurrency.txt" | tail -1)
    read -r fsyncs busy written_lines <<<"$(awk '{ f += $1; s += $2; l += $3 } END { printf "%.0f %.3f %.0f", f / NR, s / NR, l / NR }' "$work/fsyncs-$concurrency.txt")"
    awk -v c="$concurrency" -v m="$m" -v lo="$lo" -v hi="$hi" -v n="$PENDING" -v base="${medians[$first]}" \
      -v f="$fsyncs" -v s="$busy" -v l="$written_lines" \
      'BEGIN { printf "| %s | %.1f | %.1f | %.1f | %.0f | %.1fx | %d | %.1f | %.1f | %.2f |\n", c, m, lo, hi, n / m, base / m, f, l / f, s, 1000 * s / f }'
  done
)
echo "$table"
if [ -z "${NO_WRITE:-}" ]; then
  python3 - "$root/BENCHMARKS.md" "$table" "$RUNS" "$PENDING" "$LATENCY_MS" <<'PY'
import sys
path, table, runs, pending, latency = sys.argv[1:]
text = open(path).read()
begin, end = "<!-- review-apply:begin -->", "<!-- review-apply:end -->"
block = (f"{begin}\n{table}\n\n{runs} runs each, {pending} pending versions, `--latency-ms {latency}`; "
         "fsync figures are means over the runs (the journal writer's own clock: one write and "
         "one fsync per batch of lines).\n{end}")
if begin in text:
    head, rest = text.split(begin, 1)
    text = head + block + rest.split(end, 1)[1]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
fi
