"""One full listing of the apps pending review with the official Python SDK, lark-oapi.

Usage: lark_paginate.py BASE_URL APP_ID APP_SECRET [EXPECTED]

The SDK is pointed at BASE_URL (the fake) with `domain(...)`; it fetches the tenant access token
itself (POST /open-apis/auth/v3/tenant_access_token/internal) as it does against Feishu. Page
size 50, following page_token until has_more is false, items kept in a list, as our client's
`items().try_collect()` does. Prints `items=N` and `seconds=S` (from building the client to the
last page; the interpreter's start and imports are not in it).
"""

import sys
import time

import lark_oapi as lark
from lark_oapi.api.application.v6 import UnderauditlistApplicationRequest


def main() -> int:
    base_url, app_id, app_secret = sys.argv[1:4]
    expected = int(sys.argv[4]) if len(sys.argv) > 4 else None
    started = time.perf_counter()
    client = (
        lark.Client.builder()
        .app_id(app_id)
        .app_secret(app_secret)
        .domain(base_url)
        .log_level(lark.LogLevel.ERROR)
        .build()
    )
    items = []
    page_token = None
    while True:
        builder = UnderauditlistApplicationRequest.builder().lang("en_us").page_size(50)
        if page_token:
            builder = builder.page_token(page_token)
        response = client.application.v6.application.underauditlist(builder.build())
        if not response.success():
            print(f"lark-oapi: code={response.code} msg={response.msg}", file=sys.stderr)
            return 1
        data = response.data
        items.extend(data.items or [])
        if data.has_more and data.page_token:
            page_token = data.page_token
        else:
            break
    elapsed = time.perf_counter() - started
    if expected is not None and len(items) != expected:
        print(f"lark-oapi: listed {len(items)} apps, expected {expected}", file=sys.stderr)
        return 1
    print(f"items={len(items)}")
    print(f"seconds={elapsed:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
