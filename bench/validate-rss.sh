#!/usr/bin/env bash
# Peak memory of `feishu-review validate` on a ~50 MB list body. See BENCHMARKS.md ("Memory").
#
#   bench/validate-rss.sh             # SIZE=50000000 bytes
#   SIZE=10000000 bench/validate-rss.sh
#   BIN=path/to/feishu-review bench/validate-rss.sh   # another build (e.g. an older commit's)
#
# Generates into target/validate-rss/ a list_under_audit_apps answer of at least SIZE bytes
# (the docs' example app repeated with its own ids, names, status and scene), clean, and the
# same list with a violation (a string status) and a drift (an undocumented member) in two of
# its last items, and that one cut 1,000 bytes short (not JSON). Runs the release binary under GNU time (`/usr/bin/time -v`, from apt when
# missing) on each, from a file and on standard input, and prints peak RSS ÷ input bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SIZE=${SIZE:-50000000}
work=target/validate-rss
bin=${BIN:-target/release/feishu-review}
mkdir -p "$work"

apt_tools time
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet -p feishu-review
fi

python3 - "$SIZE" "$work" <<'PY'
import json, sys

size, work = int(sys.argv[1]), sys.argv[2]
with open("crates/feishu-validate/tests/fixtures/list_under_audit_apps.200.json") as f:
    template = json.load(f)["data"]["items"][0]

def app(i):
    a = dict(template)
    a["app_id"] = f"cli_{i:016x}"
    a["app_name"] = f"应用 {i}"
    a["unaudit_version_id"] = f"oav_{i:032x}"
    a["status"] = i % 4
    a["scene_type"] = i % 3
    return a

def dump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

items, total = [], 100
while total < size:
    items.append(app(len(items)))
    total += len(dump(items[-1])) + 1
body = {"code": 0, "msg": "success",
        "data": {"items": items, "has_more": True, "page_token": "new-xxxxxxxxxxx"}}
with open(f"{work}/clean.json", "wb") as f:
    f.write(dump(body))
items[-10]["status"] = "one"                # violation: a string where an integer goes
items[-3]["undocumented_member"] = True     # drift: a member the spec does not list
with open(f"{work}/findings.json", "wb") as f:
    f.write(dump(body))
print(f"{len(items)} apps", file=sys.stderr)
PY
# Bytes that are not JSON: the list with findings cut 1,000 bytes short (a broken download).
head -c -1000 "$work/findings.json" >"$work/cut.json"

# Peak RSS (KiB) of one run; the exit code (0 clean, 1 findings, 2 not JSON) is expected.
peak() {
    local input=$1 file=$2 log
    log=$(mktemp)
    if [ "$input" = stdin ]; then
        /usr/bin/time -v "$bin" validate --operation list_under_audit_apps --format json - \
            <"$file" >/dev/null 2>"$log" || true
    else
        /usr/bin/time -v "$bin" validate --operation list_under_audit_apps --format json "$file" \
            >/dev/null 2>"$log" || true
    fi
    awk -F': ' '/Maximum resident set size/ {print $2}' "$log"
    rm -f "$log"
}

printf '| body | input | peak RSS | ÷ input |\n|---|---|---|---|\n'
for body in clean findings cut; do
    file=$work/$body.json
    bytes=$(stat -c %s "$file")
    for input in file stdin; do
        kib=$(peak "$input" "$file")
        awk -v b="$body" -v i="$input" -v k="$kib" -v n="$bytes" 'BEGIN {
            printf "| %s, from %s | %d B | %.1f MiB | %.2fx |\n", b, i, n, k / 1024, k * 1024 / n
        }'
    done
done
