#!/usr/bin/env bash
# Set up and run the whole suite, on SQLite and on the real PostgreSQL at 127.0.0.1:5432.
# Installs what a new machine lacks: the virtualenv, Debian's chromium, a running PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

PG_URL=${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# The two databases' runs go side by side, each on ENGAGE_TEST_WORKERS pytest-xdist workers (0: none),
# so the run that ends last has both cores to itself; each run's output is shown when it ends.
workers=${ENGAGE_TEST_WORKERS:-2}
logs=$(mktemp -d)
pids=()
databases=(${ENGAGE_TEST_DATABASES:-sqlite postgresql})
# With both databases, each test that would do the same work on both runs once: those that open no
# database (marked database_free) on SQLite, the browser tests (the pages, their scripts and charts) on
# PostgreSQL, the production database.
both=$([[ " ${databases[*]} " == *" sqlite "* && " ${databases[*]} " == *" postgresql "* ]] && echo yes || true)
for database in "${databases[@]}"; do
  pytest=(.venv/bin/python -m pytest -p no:cacheprovider -n "$workers")
  if [ "$database" = postgresql ]; then
    [ "$both" ] && pytest+=(-m "not database_free")
    TEST_DATABASE_URL=$PG_URL "${pytest[@]}" "$@" >"$logs/$database" 2>&1 &
  else
    [ "$both" ] && pytest+=(-m "not browser")
    env -u TEST_DATABASE_URL "${pytest[@]}" "$@" >"$logs/$database" 2>&1 &
  fi
  pids+=($!)
done
status=0
for i in "${!databases[@]}"; do
  wait "${pids[$i]}" || status=$?
  echo "=== test suite on ${databases[$i]}"
  cat "$logs/${databases[$i]}"
done
rm -rf "$logs"
exit $status
