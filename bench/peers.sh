#!/usr/bin/env bash
# Peer comparison, in one go, on this machine, loopback only. See BENCHMARKS.md.
#
#   bench/peers.sh            # RUNS=5 runs of each figure, then rewrites BENCHMARKS.md's tables
#   RUNS=3 bench/peers.sh     # fewer runs
#   NO_WRITE=1 bench/peers.sh # print the tables, leave BENCHMARKS.md alone
#
# 1. validation: feishu-validate vs openapi-core (Python) on the same corpus: bodies/s.
# 2. client: one full listing of PENDING apps from one `feishu-review fake` process, with our
#    client, bare reqwest + serde, and lark-oapi (the official Python SDK): time, peak RSS.
# 3. fake: GET app version requests/s, our fake vs Stoplight Prism (`prism mock`), with wrk.
#
# Tools go to target/tools (ignored): bench-venv (pip, pinned), bench-node (npm, pinned);
# wrk and GNU time from apt when missing. Every run is bounded (seconds or one listing) and
# everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/lib.sh

RUNS=${RUNS:-5}
PENDING=${PENDING:-10000}
VALIDATE_SECONDS=${VALIDATE_SECONDS:-3}
WRK_SECONDS=${WRK_SECONDS:-5}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
OPENAPI_CORE_VERSION=0.23.1
LARK_OAPI_VERSION=1.7.5
PRISM_VERSION=5.16.0

tools=$root/target/tools
venv=$tools/bench-venv
node=$tools/bench-node
work=$root/target/bench-peers
spec=$root/spec/feishu-application-v6.yaml
app_id=cli_a1b2c3d4e5f60718
app_secret=fake-app-secret-0123456789abcdef


# --- everything started here is stopped on exit -------------------------------------------
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # stop PID: stop one server started here
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# --- tools ----------------------------------------------------------------------------------
install_tools() {
  say "tools"
  apt_tools wrk time jq curl
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "openapi-core==$OPENAPI_CORE_VERSION" "lark-oapi==$LARK_OAPI_VERSION"
  if [ "$(cat "$node/node_modules/@stoplight/prism-cli/package.json" 2>/dev/null | jq -r .version)" != "$PRISM_VERSION" ]; then
    npm install --silent --no-audit --no-fund --prefix "$node" "@stoplight/prism-cli@$PRISM_VERSION" >/dev/null
  fi
}

build() {
  say "build (release)"
  cargo build --release -q -p feishu-review
  fake_bin=$root/target/release/feishu-review
  peers_bin=$(cargo bench -q -p feishu-workspace-tests --bench peers --no-run --message-format=json \
    | jq -r 'select(.reason == "compiler-artifact" and .target.name == "peers" and .executable != null) | .executable' | tail -1)
  [ -x "$peers_bin" ] || { echo "peers bench binary not found" >&2; exit 1; }
}

# --- helpers --------------------------------------------------------------------------------
results=""
record() { # record METRIC VALUE
  printf '%s\t%s\n' "$1" "$2" >>"$results"
}
field() { # field KEY < key=value lines
  sed -n "s/^$1=//p" | tail -1
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
timed() { # timed TIMEFILE CMD...: run under GNU time, output on stdout
  /usr/bin/time -v -o "$1" "${@:2}"
}
cpu_seconds() { # user + system CPU seconds
  awk -F': ' '/^\tUser time \(seconds\)|^\tSystem time \(seconds\)/ { s += $2 } END { print s }' "$1"
}
peak_kib() { sed -n 's/^\tMaximum resident set size (kbytes): //p' "$1"; }
wall_seconds() { # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
  sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}

start_fake() { # start_fake [ARGS...]: sets fake_pid, fake_url
  local log=$work/fake.out
  : >"$log"
  timeout 1800 "$fake_bin" fake --addr 127.0.0.1:0 --app-id "$app_id" --app-secret "$app_secret" "$@" \
    >"$log" 2>"$work/fake.err" &
  fake_pid=$!
  pids+=("$fake_pid")
  wait_for_line "$log" '^listening on ' 120
  fake_url=$(sed -n 's/^listening on //p' "$log" | head -1)
}

token_for() { # token_for BASE_URL
  curl -sf -X POST "$1/open-apis/auth/v3/tenant_access_token/internal" \
    -H 'content-type: application/json' \
    -d "{\"app_id\":\"$app_id\",\"app_secret\":\"$app_secret\"}" | jq -r .tenant_access_token
}

# --- 1. validation --------------------------------------------------------------------------
bench_validation() {
  say "validation: feishu-validate vs openapi-core $OPENAPI_CORE_VERSION (${VALIDATE_SECONDS}s a run, $RUNS runs)"
  local corpus=$work/corpus out i
  rm -rf "$corpus"
  out=$("$peers_bin" corpus --out "$corpus")
  record corpus_bodies "$(field bodies <<<"$out")"
  record corpus_bytes "$(field bytes <<<"$out")"
  for ((i = 1; i <= RUNS; i++)); do
    out=$("$peers_bin" validate --corpus "$corpus" --seconds "$VALIDATE_SECONDS")
    record validate_ours "$(field bodies_per_sec <<<"$out")"
    record validate_serde_parse "$(field parse_bodies_per_sec <<<"$out")"
    out=$(timeout 300 "$venv/bin/python" "$root/bench/openapi_core_validate.py" "$spec" "$corpus" "$VALIDATE_SECONDS")
    record validate_openapi_core "$(field bodies_per_sec <<<"$out")"
    echo "  run $i: $(tail -3 "$results" | cut -f2 | paste -sd' ')" >&2
  done
}

# --- 2. client ------------------------------------------------------------------------------
bench_client() {
  say "client: full listing of $PENDING pending apps, ours vs bare reqwest vs lark-oapi $LARK_OAPI_VERSION ($RUNS runs)"
  local out i
  "$peers_bin" fixtures --pending "$PENDING" --out "$work/tenant.json" >/dev/null
  start_fake --fixtures "$work/tenant.json"
  echo "  fake at $fake_url" >&2
  # one listing each to warm up the fake and the page cache
  "$peers_bin" paginate --base-url "$fake_url" --app-id "$app_id" --app-secret "$app_secret" --expect "$PENDING" >/dev/null
  timeout 600 "$venv/bin/python" "$root/bench/lark_paginate.py" "$fake_url" "$app_id" "$app_secret" "$PENDING" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do
    for who in ours bare lark; do
      case $who in
        ours) out=$(timed "$work/time.txt" timeout 600 "$peers_bin" paginate --base-url "$fake_url" \
                --app-id "$app_id" --app-secret "$app_secret" --expect "$PENDING") ;;
        bare) out=$(timed "$work/time.txt" timeout 600 "$peers_bin" paginate --with bare --base-url "$fake_url" \
                --app-id "$app_id" --app-secret "$app_secret" --expect "$PENDING") ;;
        lark) out=$(timed "$work/time.txt" timeout 600 "$venv/bin/python" "$root/bench/lark_paginate.py" \
                "$fake_url" "$app_id" "$app_secret" "$PENDING") ;;
      esac
      record "client_${who}_seconds" "$(field seconds <<<"$out")"
      record "client_${who}_process_seconds" "$(wall_seconds "$work/time.txt")"
      record "client_${who}_peak_kib" "$(peak_kib "$work/time.txt")"
      record "client_${who}_cpu_seconds" "$(cpu_seconds "$work/time.txt")"
    done
    echo "  run $i: ours $(grep -P '^client_ours_seconds' "$results" | tail -1 | cut -f2)s, bare $(grep -P '^client_bare_seconds' "$results" | tail -1 | cut -f2)s, lark $(grep -P '^client_lark_seconds' "$results" | tail -1 | cut -f2)s" >&2
  done
  stop "$fake_pid"
}

# --- 3. fake --------------------------------------------------------------------------------
wrk_rps() { # wrk_rps URL TOKEN: requests/s; fails on any non-2xx answer or socket error
  local out
  out=$(timeout $((WRK_SECONDS + 30)) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" \
    -H "Authorization: Bearer $2" "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "wrk saw errors against $1:" >&2
    echo "$out" >&2
    return 1
  fi
  sed -n 's/^Requests\/sec: *//p' <<<"$out"
}

bench_fake() {
  say "fake: GET app version, our fake vs Prism $PRISM_VERSION, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s ($RUNS runs)"
  local token item app version path ours_url prism_url prism_pid port i rps
  start_fake
  token=$(token_for "$fake_url")
  item=$(curl -sf -H "Authorization: Bearer $token" \
    "$fake_url/open-apis/application/v6/applications/underauditlist?lang=en_us&page_size=1" | jq -c '.data.items[0]')
  app=$(jq -r .app_id <<<"$item")
  version=$(jq -r .unaudit_version_id <<<"$item")
  path="/open-apis/application/v6/applications/$app/app_versions/$version?lang=en_us"
  ours_url="$fake_url$path"
  curl -sf -H "Authorization: Bearer $token" "$ours_url" | jq -e '.code == 0' >/dev/null

  port=$(free_port)
  : >"$work/prism.out"
  timeout 1800 "$node/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" \
    >"$work/prism.out" 2>&1 &
  prism_pid=$!
  pids+=("$prism_pid")
  wait_for_line "$work/prism.out" 'Prism is listening' 120
  prism_url="http://127.0.0.1:$port$path"
  curl -sf -H "Authorization: Bearer $token" "$prism_url" | jq -e '.code == 0' >/dev/null

  for ((i = 1; i <= RUNS; i++)); do
    rps=$(wrk_rps "$ours_url" "$token")
    record fake_ours_rps "$rps"
    rps=$(wrk_rps "$prism_url" "$token")
    record fake_prism_rps "$rps"
    echo "  run $i: ours $(grep '^fake_ours_rps' "$results" | tail -1 | cut -f2)/s, prism $rps/s" >&2
  done
  stop "$prism_pid"
  stop "$fake_pid"
}

machine() {
  record machine_cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  record machine_cores "$(nproc)"
  record machine_memory "$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  # shellcheck source=/dev/null  # the machine's file, not ours
  record machine_os "$(. /etc/os-release && echo "$PRETTY_NAME") / $(uname -r)"
  record machine_rustc "$(rustc --version)"
  record machine_python "$("$venv/bin/python" --version 2>&1)"
  record machine_node "$(node --version)"
  record machine_wrk "$(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }')"
  record machine_peers "openapi-core $OPENAPI_CORE_VERSION, lark-oapi $LARK_OAPI_VERSION, @stoplight/prism-cli $PRISM_VERSION"
  record machine_date "$(date -u +%Y-%m-%d)"
  record machine_load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  record settings "RUNS=$RUNS PENDING=$PENDING VALIDATE_SECONDS=$VALIDATE_SECONDS WRK_SECONDS=$WRK_SECONDS WRK_THREADS=$WRK_THREADS WRK_CONNECTIONS=$WRK_CONNECTIONS"
}

main() {
  mkdir -p "$work"
  results=$work/results.tsv
  : >"$results"
  install_tools
  build
  machine
  bench_validation
  bench_client
  bench_fake
  record machine_load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "report"
  if [ -n "${NO_WRITE:-}" ]; then
    python3 "$root/bench/report.py" "$results"
  else
    python3 "$root/bench/report.py" "$results" "$root/BENCHMARKS.md"
    echo "BENCHMARKS.md updated (raw figures: ${results#"$root"/})" >&2
  fi
}

main "$@"
