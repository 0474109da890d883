#!/usr/bin/env python3
"""Turns a copy of spec/docs/004 (the pending-list page) into a future version of it.

The page gains the four facts of issue 19's "done when" (status 4, response field app_tag,
error 210597, page_size maximum 100) and a newer date (2026-12-01), so the portal stand-in
serves it as updated. Used by bench/docs-sync.sh and .ci/docs-sync-end-to-end; the xtask
tests make the same page in xtask/tests/docs/sync.rs.

usage: future_list_page.py PAGE   (edited in place; fails when an edit does not hit once)
"""
import sys

EDITS = [
    ("- 最大值：`50`", "- 最大值：`100`"),
    ("- 3：未知状态\n", "- 3：未知状态  \n- 4：已冻结\n"),
    ("- bot：机器人\nhas_more", "- bot：机器人\napp_tag | string | 应用标签\nhas_more"),
    ('"pc_default_ability": "gadget"', '"pc_default_ability": "gadget",\n                "app_tag": "tools"'),
    ("范围是否在 [1, 50] 范围内", "范围是否在 [1, 50] 范围内\n400 | 210597 | app is frozen | 应用已被冻结"),
    ("last_remote_update: 2025-07-10", "last_remote_update: 2026-12-01"),
    ("last_remote_update_timestamp: 1752136595000", "last_remote_update_timestamp: 1796083200000"),
    ("最后更新于 2025-07-10", "最后更新于 2026-12-01"),
]

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for old, new in EDITS:
    if text.count(old) != 1:
        sys.exit(f"{path}: the edit must hit once, it hits {text.count(old)} times: {old!r}")
    text = text.replace(old, new)
open(path, "w", encoding="utf-8").write(text)
