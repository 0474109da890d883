"""Response validation of a corpus with Python's openapi-core, repeated for a bounded time.

Usage: openapi_core_validate.py SPEC CORPUS_DIR SECONDS

The corpus is what `peers corpus` writes (manifest.tsv + bodies). Each body is validated as the
200 response of its operation (`OpenAPI.validate_response` with a MockRequest for the
operation's method and path and a MockResponse holding the raw bytes: parse, then schema
check, what `Validator::validate` does with bytes). Every body must pass once before timing.
Prints `bodies=N`, `seconds=S`, `bodies_per_sec=R`.
"""

import sys
import time
from pathlib import Path

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

HOST = "https://open.feishu.cn"


def main() -> int:
    spec_path, corpus_dir, seconds = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    openapi = OpenAPI.from_file_path(spec_path)
    lines = (corpus_dir / "manifest.tsv").read_text().splitlines()[1:]
    corpus = []
    for line in filter(None, lines):
        _operation, status, method, path, file = line.split("\t")
        body = (corpus_dir / file).read_bytes()
        corpus.append((MockRequest(HOST, method, path), body, int(status)))

    def check(request, body, status):
        openapi.validate_response(request, MockResponse(body, status_code=status))

    for request, body, status in corpus:  # every body conforms before we time anything
        check(request, body, status)

    bodies = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for request, body, status in corpus:
            check(request, body, status)
            bodies += 1
    elapsed = time.perf_counter() - started
    print(f"bodies={bodies}")
    print(f"seconds={elapsed:.6f}")
    print(f"bodies_per_sec={bodies / elapsed:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
