#!/usr/bin/env bash
# Runs schemathesis against `feishu-review fake` with the workspace spec and fails on any
# finding. Installs a pinned schemathesis into a venv under target/tools/ on first use.
#
# Checks: all of them, except (each with its reason):
#   positive_data_acceptance — expects schema-valid requests to get 2xx/401/403/404, but
#       Feishu answers schema-valid requests that name things that do not exist (a random
#       app_id, version_id, operator_id or page_token) or break a documented rule the schema
#       cannot express (status 2 without reject_reason) with HTTP 400 and its business code
#       (210500/210501/210503/210506/211002/210507/99992402), as the spec's
#       x-feishu-error-codes say. The fake's own tests cover acceptance of real data.
#   ignored_auth — only counts HTTP 401/403 as "auth enforced", but Feishu answers a missing,
#       unknown or malformed tenant token with HTTP 400 and code 99991663/99991664/99991671
#       (x-feishu-error-codes). Enforcement is asserted by crates/feishu-fake/tests/auth.rs.
#   missing_required_header — the spec declares no header parameter, so its only case is the
#       Authorization header, for which it demands HTTP 401; Feishu's answer is HTTP 400 with
#       code 99991663 (same reason as ignored_auth, same test).
#
# One worker: with several, CPython 3.11's ast.parse (used by hypothesis to describe
# strategies) can fail with "AST constructor recursion depth mismatch" when threads race.
#
# Environment: SCHEMATHESIS_MAX_EXAMPLES (default 60), SCHEMATHESIS_MAX_TIME seconds
# (default 180), SCHEMATHESIS_SEED (default 1).
set -euo pipefail

cd "$(dirname "$0")/.."

ST_VERSION=4.32.5
VENV="target/tools/schemathesis-${ST_VERSION}"
SPEC=spec/feishu-application-v6.yaml
APP_ID=cli_5c4e3a2b1d0f9e8a
APP_SECRET=schemathesis-fake-secret
EXCLUDED_CHECKS=positive_data_acceptance,ignored_auth,missing_required_header

if [ ! -x "$VENV/bin/schemathesis" ]; then
    echo "installing schemathesis ${ST_VERSION} into ${VENV}" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==${ST_VERSION}"
fi

# Build first so the wait for the address below is not a wait for the compiler.
cargo build -q -p feishu-review

WORK="$(mktemp -d)"
FAKE_PID=""
cleanup() {
    if [ -n "$FAKE_PID" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
        kill "$FAKE_PID" 2>/dev/null || true
        wait "$FAKE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

cargo run -q -p feishu-review -- fake --addr 127.0.0.1:0 \
    --app-id "$APP_ID" --app-secret "$APP_SECRET" >"$WORK/stdout" 2>"$WORK/stderr" &
FAKE_PID=$!

# Wait (at most 60 s) for the first stdout line: `listening on http://HOST:PORT`.
BASE_URL=""
for _ in $(seq 1 600); do
    if line="$(head -n 1 "$WORK/stdout" 2>/dev/null)" && [[ "$line" == "listening on "* ]]; then
        BASE_URL="${line#listening on }"
        break
    fi
    if ! kill -0 "$FAKE_PID" 2>/dev/null; then
        echo "the fake exited early:" >&2
        cat "$WORK/stderr" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$BASE_URL" ]; then
    echo "the fake did not print its address within 60 s" >&2
    exit 1
fi
echo "fake at ${BASE_URL}" >&2

TOKEN="$(curl -fsS -X POST "${BASE_URL}/open-apis/auth/v3/tenant_access_token/internal" \
    -H 'Content-Type: application/json' \
    -d "{\"app_id\":\"${APP_ID}\",\"app_secret\":\"${APP_SECRET}\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["tenant_access_token"])')"

# From the scratch directory, so schemathesis's `.schemathesis/` cache stays out of the repo.
ROOT="$(pwd)"
cd "$WORK"
"$ROOT/$VENV/bin/schemathesis" run "$ROOT/$SPEC" \
    --url "$BASE_URL" \
    --header "Authorization: Bearer ${TOKEN}" \
    --checks all \
    --exclude-checks "$EXCLUDED_CHECKS" \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-60}" \
    --max-time "${SCHEMATHESIS_MAX_TIME:-180}" \
    --seed "${SCHEMATHESIS_SEED:-1}" \
    --request-timeout 10 \
    --workers 1 \
    --warnings off \
    --no-color
