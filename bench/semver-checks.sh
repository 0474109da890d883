#!/usr/bin/env bash
# cargo-semver-checks against our own `cargo xtask api diff`, on the spec changes of
# xtask/tests/api_diff.rs: for each, a scratch copy of BASE (default HEAD; `git archive`, made
# a one-commit repository) gets the spec edit and `cargo xtask generate`; then both tools judge the client crate of that
# worktree against BASE's, and the table says whether they agree.
#
# Not in .ci/run: installing cargo-semver-checks from source took 1950 s (32.5 min) on the 2-core
# build machine, over CI's 20-minute budget on its own. On GitHub, .github/workflows/api-and-deps.yml
# runs the same version (a prebuilt binary) against the last release. Run this by hand after
# generator changes:
#   bash bench/semver-checks.sh            # installs the tool first when missing
#   BASE=main bash bench/semver-checks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
repo=$PWD
base=${BASE:-HEAD}
tools=${SEMVER_CHECKS_ROOT:-$repo/target/tools/semver}
# The one pin of cargo-semver-checks: api-and-deps.yml reads this line (keep it `version=X.Y.Z`).
version=0.51.0
export PATH="$tools/bin:$PATH"
export CARGO_TARGET_DIR=$repo/target/scratch

if ! cargo semver-checks --version 2>/dev/null | grep -q "$version"; then
  say "installing cargo-semver-checks $version into $tools (took 32.5 min on 2 busy cores)"
  start=$SECONDS
  cargo install cargo-semver-checks --version "=$version" --locked --root "$tools"
  say "install took $((SECONDS - start)) s"
fi

cargo build -q -p xtask
xtask=$repo/target/scratch/debug/xtask

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# copy DIR: BASE's files in DIR, committed as the one commit of a repository of its own.
copy() {
  mkdir -p "$1"
  git archive "$base" | tar -x -C "$1"
  git -C "$1" init -q
  git -C "$1" add -A
  git -C "$1" -c user.name=bench -c user.email=bench@localhost commit -qm base
}

copy "$scratch/base"

# edit CASE SPEC: the spec change of one case (the same edits as xtask/tests/api_diff.rs).
edit() {
  python3 - "$1" "$2" <<'PY'
import sys
case, path = sys.argv[1], sys.argv[2]
spec = open(path, encoding="utf-8").read()
def sub(old, new):
    global spec
    assert old in spec, f"{case}: the edit must hit the spec: {old[:60]}"
    spec = spec.replace(old, new, 1)
def after(anchor, marker, insert):
    global spec
    at = spec.index(anchor)
    at = spec.index(marker, at) + len(marker)
    spec = spec[:at] + insert + spec[at:]
if case == "response-field":
    sub("          description: When the version was created, in seconds since the epoch.\n",
        "          description: When the version was created, in seconds since the epoch.\n"
        "        submit_time:\n          type: string\n          description: When the version was submitted.\n")
elif case == "response-enum-value":
    sub("enum: [1, 2, 3, 0]\n      x-enum-varnames: [Normal, Advanced, SuperSensitive, Unknown]",
        "enum: [1, 2, 3, 0, 4]\n      x-enum-varnames: [Normal, Advanced, SuperSensitive, Unknown, Restricted]")
    sub("Super-sensitive scope, Unknown level]", "Super-sensitive scope, Unknown level, Restricted scope]")
elif case == "error-code":
    sub("x-feishu-error-codes:\n  - code: 2200",
        "x-feishu-error-codes:\n  - code: 2201\n    name: ServiceBusy\n    http_status: 503\n"
        "    message: service busy\n    hint: Retry with backoff.\n  - code: 2200")
elif case == "future-list-page":
    sub("bot_builder, aily, unknown]", "bot_builder, aily, unknown, low_code]")
    sub("BotBuilder, Aily, Unknown]", "BotBuilder, Aily, Unknown, LowCode]")
    sub("        - Unknown source\n", "        - Unknown source\n        - The low-code platform\n")
    sub("            maximum: 50", "            maximum: 100")
    after("    ListUnderAuditAppsData:", "      properties:\n",
          "        review_deadline:\n          type: string\n          description: The review deadline.\n")
    after("      operationId: list_under_audit_apps", "      x-feishu-error-codes:\n",
          "        - code: 210509\n          name: PageSizeNotANumber\n          http_status: 400\n"
          "          message: page_size must be a number\n          hint: Check page_size.\n")
elif case == "removed-field":
    sub("        publish_time:\n          type: string\n"
        "          description: When the version was published, in seconds since the epoch.\n", "")
elif case == "renamed-operation":
    sub("operationId: get_app_version", "operationId: read_app_version")
elif case == "narrowed-request-enum":
    sub("enum: [0, 1, 2, 3, 4]\n      x-enum-varnames: [Unknown, Approved, Rejected, UnderReview, NotSubmitted]\n"
        "      x-enum-descriptions: [Unknown status, Approved, Rejected (needs reject_reason),",
        "enum: [1, 2, 3, 4]\n      x-enum-varnames: [Approved, Rejected, UnderReview, NotSubmitted]\n"
        "      x-enum-descriptions: [Approved, Rejected (needs reject_reason),")
elif case != "unchanged":
    sys.exit(f"unknown case {case}")
open(path, "w", encoding="utf-8").write(spec)
PY
}

printf '%-24s %-10s %-22s %s\n' case "api diff" "cargo-semver-checks" agree
for case in unchanged response-field response-enum-value error-code future-list-page \
  removed-field renamed-operation narrowed-request-enum; do
  dir=$scratch/$case
  copy "$dir"
  edit "$case" "$dir/spec/feishu-application-v6.yaml"
  XTASK_ROOT=$dir "$xtask" generate >/dev/null 2>&1
  ours=$(XTASK_ROOT=$dir "$xtask" api diff --base HEAD --format json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["level"])')
  start=$SECONDS
  if log=$(cargo semver-checks -p feishu-application --manifest-path "$dir/Cargo.toml" \
    --baseline-root "$scratch/base" 2>&1); then
    theirs=ok
  else
    theirs=breaking
  fi
  echo "$log" >"$repo/target/scratch/semver-checks-$case.log"
  # Ours: major = breaking; minor/patch = not. cargo-semver-checks only fails on breaking.
  case $ours in major) want=breaking ;; *) want=ok ;; esac
  agree=$([ "$want" = "$theirs" ] && echo yes || echo NO)
  printf '%-24s %-10s %-22s %s (%ss)\n' "$case" "$ours" "$theirs" "$agree" "$((SECONDS - start))"
done
