#!/usr/bin/env bash
# The API contract, checked from outside: schemathesis installed in a venv of its own (not the
# project's), run over real HTTP against a demo register served on 127.0.0.1 from a scratch
# database, with every check and the examples, fuzzing and stateful phases (as the suite's own
# run). scripts/schemathesis_hooks.py tells it the rules the spec states in words (check
# characters, real LA codes, dates not after today); it imports nothing of the project.
# Usage: scripts/contract-outside.sh [max-examples]   (needs PyPI once, for schemathesis)
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-100}
PORT=${CONTRACT_PORT:-5056}
WORK=$(mktemp -d /tmp/smr-contract.XXXXXX)
export DATABASE_URL="sqlite:///$WORK/register.sqlite3" EXPORT_PATH="$WORK/exports" RATELIMIT_ENABLED=0 \
  PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
stop() {
  [ -f "$WORK/server.pid" ] && kill "$(cat "$WORK/server.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT

uv venv --quiet --python python3.11 "$WORK/st"
VIRTUAL_ENV="$WORK/st" uv pip install --quiet "schemathesis==4.32.5"
make --silent install
.venv/bin/flask --app registry setup >/dev/null
.venv/bin/flask --app registry demo-data >/dev/null
KEY=$(.venv/bin/python - <<'PY'
from registry import create_app
from registry.domain.api_keys import create_key
from registry.extensions import db
from registry.models import Organisation

with create_app().app_context():
    la = db.session.query(Organisation).filter_by(kind="local_authority").order_by(Organisation.id).first()
    print(create_key(la, None, "outside contract run").token)
    db.session.commit()
PY
)
.venv/bin/flask --app registry run --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
echo $! >"$WORK/server.pid"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$PWD/scripts" "$WORK/st/bin/st" run \
  "http://127.0.0.1:$PORT/api/v1/openapi.json" --checks all --phases examples,fuzzing,stateful \
  -H "Authorization: Bearer $KEY" --max-examples "$EXAMPLES" --workers 1
