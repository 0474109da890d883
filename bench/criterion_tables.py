"""Tables of the criterion benches, from target/criterion, for BENCHMARKS.md.

Usage: criterion_tables.py [BENCHMARKS_MD]

Reads the last `cargo bench` results (target/criterion/*/*/new/{benchmark,estimates}.json) of
feishu-validate's `validate`, feishu-application's `decode` and the workspace `pagination`
bench. Prints the tables, or with BENCHMARKS_MD replaces the text between
`<!-- criterion:begin -->` and `<!-- criterion:end -->`. Figures are criterion's median with
its 95% confidence interval.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- criterion:begin -->", "<!-- criterion:end -->"


def load():
    results = {}
    for bench in (ROOT / "target" / "criterion").glob("*/*/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())["median"]
        ci = est["confidence_interval"]
        results[(meta["group_id"], meta["function_id"])] = (
            est["point_estimate"], ci["lower_bound"], ci["upper_bound"], meta.get("throughput") or {})
    return results


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    r = load()

    def cell(group, fn):
        if (group, fn) not in r:
            return "—"
        mid, lo, hi, _ = r[(group, fn)]
        return f"{fmt_time(mid)} ({fmt_time(lo)}–{fmt_time(hi)})"

    def ratio(group, a, b):
        if (group, a) in r and (group, b) in r:
            return f"{r[(group, a)][0] / r[(group, b)][0]:.2f}x"
        return "—"

    def size(group, fn):
        tp = r.get((group, fn), (0, 0, 0, {}))[3]
        return f"{tp['Bytes']:,} B" if "Bytes" in tp else ""

    bodies = ["underauditlist_2025", "underauditlist_2023", "get_app_version", "patch_app_version"]
    out = []
    w = out.append
    w("**Validator** (`cargo bench -p feishu-validate --bench validate`): `read` = "
      "`serde_json::from_slice::<IgnoredAny>` (the bytes parsed and dropped), `parse` = "
      "`from_slice::<Value>`, `validate` = `Validator::validate` on the bytes (the fast path), "
      "`Value path` = `from_slice::<Value>` + `validate_value` (what a body with a finding costs).")
    w("")
    w("| body | size | read | parse | validate | Value path | validate ÷ parse | validate ÷ read | Value path ÷ validate |")
    w("|---|---|---|---|---|---|---|---|---|")
    for b in bodies + ["pending_list_1000"]:
        w(f"| {b} | {size(b, 'parse')} | {cell(b, 'read')} | {cell(b, 'parse')} | {cell(b, 'validate')} "
          f"| {cell(b, 'value_path')} | {ratio(b, 'validate', 'parse')} | {ratio(b, 'validate', 'read')} "
          f"| {ratio(b, 'value_path', 'validate')} |")
    w("")
    w("**Client decode** (`cargo bench -p feishu-application --bench decode`): `value` = "
      "`from_slice::<Value>`, `generated` = `from_slice` into the generated response type, "
      "`client` = the generated client's `ResponseValue::from_response` + envelope check, "
      "`+ drift walk` = `client` then the generated drift walk the client runs after each decode, "
      "`walk` = the walk alone on a decoded answer.")
    w("")
    w("| body | size | value | generated | client | client ÷ generated | client ÷ value "
      "| + drift walk | walk | walk ÷ client |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for b in bodies + ["pending_page_50", "pending_list_1000"]:
        g = f"decode/{b}"
        w(f"| {b} | {size(g, 'value')} | {cell(g, 'value')} | {cell(g, 'generated')} | {cell(g, 'client')} "
          f"| {ratio(g, 'client', 'generated')} | {ratio(g, 'client', 'value')} "
          f"| {cell(g, 'client_with_drift_walk')} | {cell(g, 'drift_walk')} "
          f"| {ratio(g, 'drift_walk', 'client')} |")
    w("")
    g = "pagination_10000"
    w("**Pagination** (`cargo bench -p feishu-workspace-tests --bench pagination`): one full "
      "listing of 10,000 pending apps (token + 200 pages of 50) from the in-process fake, one "
      "shared `reqwest::Client`.")
    w("")
    w("| way | time | ÷ bare reqwest |")
    w("|---|---|---|")
    w(f"| feishu-application `items().try_collect()` | {cell(g, 'feishu_application')} "
      f"| {ratio(g, 'feishu_application', 'bare_reqwest')} |")
    w(f"| bare reqwest + serde (generated types) | {cell(g, 'bare_reqwest')} | 1.00x |")

    tables = "\n".join(out)
    if len(sys.argv) < 2:
        print(tables)
        return
    md = Path(sys.argv[1])
    doc = md.read_text()
    if BEGIN not in doc or END not in doc:
        sys.exit(f"{md}: markers {BEGIN} / {END} not found")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    md.write_text(f"{head}{BEGIN}\n{tables}\n{END}{tail}")


if __name__ == "__main__":
    main()
