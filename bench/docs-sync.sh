#!/usr/bin/env bash
# Times `cargo xtask docs fetch --check` on the pages of spec/docs/ against a local stand-in
# of Feishu's doc portal (bench/portal_stand_in.py), and `docs check --fix` on a scratch copy
# whose list page adds an enum value, a response field, an error code and a page_size maximum
# (bench/future_list_page.py).
# Whole-process figures from GNU time; nothing reaches Feishu and the repository's files are
# never written.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
apt_tools time python3

cargo build -q -p xtask
xtask=target/debug/xtask
scratch=$(mktemp -d)
log=$scratch/stand-in.log
python3 bench/portal_stand_in.py spec/docs >"$log" 2>&1 &
stand_in=$!
trap 'kill $stand_in 2>/dev/null; rm -rf "$scratch"' EXIT
wait_for_line "$log" '^listening on ' 10
base=$(sed -n 's/^listening on //p' "$log" | head -1)

say "docs fetch --check, every page, against $base (5 runs)"
for _ in 1 2 3 4 5; do
  /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KiB peak' "$xtask" docs fetch --check --base-url "$base" >/dev/null
done

say "docs check --fix (and generate) on a scratch copy (5 runs)"
page=spec/docs/004_e1e9fc9620ea4c71.txt
for _ in 1 2 3 4 5; do
  rm -rf "$scratch/repo" && mkdir -p "$scratch/repo/crates/feishu-application"
  # The frozen spec (tests/fixtures/): the future page is made from it, whatever
  # the live spec has taken since.
  cp -r tests/fixtures/frozen/spec "$scratch/repo/" && cp -r crates/feishu-application/src "$scratch/repo/crates/feishu-application/"
  XTASK_ROOT=$scratch/repo "$xtask" generate >/dev/null 2>&1
  python3 bench/future_list_page.py "$scratch/repo/$page"
  XTASK_ROOT=$scratch/repo /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KiB peak' "$xtask" docs check --fix >/dev/null 2>"$scratch/fix.err" \
    || { cat "$scratch/fix.err" >&2; exit 1; }
  grep -h "applied" "$scratch/fix.err"; tail -1 "$scratch/fix.err"
done
