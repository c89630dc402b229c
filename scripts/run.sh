#!/usr/bin/env bash
# Set up and serve engage on SQLite with demo data: virtualenv, install, migrate, seed, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
export FLASK_APP=wsgi
.venv/bin/flask db upgrade
.venv/bin/flask engage seed-demo --if-empty
host=${HOST:-127.0.0.1}
port=${PORT:-5000}
echo
echo "engage is running at http://$host:$port/"
echo "Demo sign-in: hr@demo.example / demo-password (also admin@demo.example, manager@demo.example)"
echo
exec .venv/bin/flask run --host "$host" --port "$port"
