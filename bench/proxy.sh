#!/usr/bin/env bash
# What `feishu-review proxy` costs: GET app version with `wrk --latency`, straight to a
# `feishu-review fake` and through a proxy in front of the same fake; release builds,
# loopback only. Prints the figures and, unless NO_WRITE is set, rewrites the proxy table of
# BENCHMARKS.md (between its `proxy-bench` markers).
#
#   bench/proxy.sh              # RUNS=3 alternating runs of each, 5 s each
#   RUNS=5 WRK_SECONDS=10 bench/proxy.sh
#   NO_WRITE=1 bench/proxy.sh   # print only
#
# wrk, jq and curl come from apt when missing. Everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. bench/lib.sh

RUNS=${RUNS:-3}
WRK_SECONDS=${WRK_SECONDS:-5}
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
work=$root/target/bench-proxy
bin=$root/target/release/feishu-review
app_id=cli_a1b2c3d4e5f60718
app_secret=fake-app-secret-0123456789abcdef


pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_tools wrk jq curl

say "build (release)"
cargo build --release -q -p feishu-review
mkdir -p "$work"

start() { # start NAME ARGS...: runs `feishu-review ARGS`, prints its URL
  local name=$1
  shift
  : >"$work/$name.out"
  "$bin" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=("$!")
  wait_for_line "$work/$name.out" '^listening on ' 60
  sed -n 's/^listening on //p' "$work/$name.out" | head -1
}

fake_url=$(start fake fake --app-id "$app_id" --app-secret "$app_secret")
# Report lines go to a file, as a user would keep them: their writing is part of the cost.
proxy_url=$(start proxy proxy --upstream "$fake_url" --format json)

token=$(curl -sf -X POST "$fake_url/open-apis/auth/v3/tenant_access_token/internal" \
  -H 'content-type: application/json' \
  -d "{\"app_id\":\"$app_id\",\"app_secret\":\"$app_secret\"}" | jq -r .tenant_access_token)
item=$(curl -sf -H "Authorization: Bearer $token" \
  "$fake_url/open-apis/application/v6/applications/underauditlist?lang=en_us&page_size=1" | jq -c '.data.items[0]')
path="/open-apis/application/v6/applications/$(jq -r .app_id <<<"$item")/app_versions/$(jq -r .unaudit_version_id <<<"$item")?lang=en_us"
cmp <(curl -sf -H "Authorization: Bearer $token" "$fake_url$path") \
  <(curl -sf -H "Authorization: Bearer $token" "$proxy_url$path")

to_ms() { # wrk's "123.45us" / "1.23ms" / "1.02s" -> milliseconds
  awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
         if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.3f\n", v }' <<<"$1"
}

measure() { # measure URL: "rps p50_ms p99_ms"
  local out
  out=$(timeout $((WRK_SECONDS + 30)) wrk --latency -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" \
    -d"${WRK_SECONDS}s" -H "Authorization: Bearer $token" "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "wrk saw errors against $1:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "$(sed -n 's/^Requests\/sec: *//p' <<<"$out") \
$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")") \
$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
}

say "GET app version: wrk --latency -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s, $RUNS alternating runs"
results=$work/results.tsv
: >"$results"
for ((i = 1; i <= RUNS; i++)); do
  for who in direct proxy; do
    url=$fake_url$path
    [ "$who" = proxy ] && url=$proxy_url$path
    read -r rps p50 p99 <<<"$(measure "$url")"
    printf '%s\t%s\t%s\t%s\n' "$who" "$rps" "$p50" "$p99" >>"$results"
    echo "  run $i $who: $rps req/s, p50 $p50 ms, p99 $p99 ms" >&2
  done
done

reports=$(grep -c '"operation":"get_app_version"' "$work/proxy.err" || true)
table=$(python3 - "$results" "$reports" "$RUNS" "$WRK_THREADS" "$WRK_CONNECTIONS" "$WRK_SECONDS" <<'EOF'
import statistics, sys
path, reports, runs, threads, conns, secs = sys.argv[1:]
rows = [line.split("\t") for line in open(path).read().splitlines()]
def med(who, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == who)
d = {c: med("direct", i) for i, c in ((1, "rps"), (2, "p50"), (3, "p99"))}
p = {c: med("proxy", i) for i, c in ((1, "rps"), (2, "p50"), (3, "p99"))}
print(f"GET app version, `wrk --latency -t{threads} -c{conns} -d{secs}s`, median of {runs} alternating runs; "
      f"the proxy checked and reported every answer ({reports} JSON report lines).\n")
print("| | requests/s | p50 | p99 |")
print("|---|---:|---:|---:|")
print(f"| straight to the fake | {d['rps']:,.0f} | {d['p50']:.3f} ms | {d['p99']:.3f} ms |")
print(f"| through `feishu-review proxy` | {p['rps']:,.0f} | {p['p50']:.3f} ms | {p['p99']:.3f} ms |")
print(f"| added by the proxy | | **{p['p50'] - d['p50']:+.3f} ms** | **{p['p99'] - d['p99']:+.3f} ms** |")
EOF
)
echo "$table"
if [ -z "${NO_WRITE:-}" ]; then
  python3 - "$root/BENCHMARKS.md" "$table" "$(date -u +%Y-%m-%d)" "$(nproc)" <<'EOF'
import re, sys
path, table, date, cores = sys.argv[1:]
text = open(path).read()
block = (f"<!-- proxy-bench:start (bench/proxy.sh rewrites this) -->\n"
         f"Measured {date} on this {cores}-core machine, release builds, loopback.\n\n{table}\n"
         f"<!-- proxy-bench:end -->")
pattern = re.compile(r"<!-- proxy-bench:start.*?<!-- proxy-bench:end -->", re.S)
if not pattern.search(text):
    sys.exit("BENCHMARKS.md has no proxy-bench markers")
open(path, "w").write(pattern.sub(lambda _: block, text))
EOF
  echo "BENCHMARKS.md updated" >&2
fi
