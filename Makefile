.PHONY: run test lint screenshots bench-fanout bench-ack bench-dashboard

run:  ## set up, migrate, seed demo data and serve on http://127.0.0.1:5000/
	scripts/run.sh

test:  ## set up and run the whole suite on SQLite and PostgreSQL
	scripts/test.sh

lint:  ## ruff check, ruff format --check and mypy (installs the dev requirements first)
	scripts/setup.sh requirements-dev.txt
	.venv/bin/ruff check engage tests benchmarks scripts
	.venv/bin/ruff format --check engage tests benchmarks scripts
	.venv/bin/mypy
	.venv/bin/mypy benchmarks

screenshots:  ## README screenshots from a throw-away demo database (docs/screenshots/*.png)
	scripts/setup.sh requirements-dev.txt
	.venv/bin/python scripts/screenshots.py

# Benchmarks (long; not part of the suite). DB=sqlite or DB=postgresql (BENCH_PG_URL picks the server).
DB ?= postgresql
bench-fanout:  ## pulse fan-out to 10,000 people against a rate-limited fake Slack
	scripts/setup.sh requirements.txt && .venv/bin/python benchmarks/pulse_fanout.py --database $(DB)

bench-ack:  ## Slack ack latency, open loop at 50-200 clicks/s and up, under gunicorn, beside a bare bolt app
	scripts/setup.sh requirements.txt && .venv/bin/python benchmarks/ack_latency.py --database $(DB)

bench-dashboard:  ## dashboard/API latency, 500 teams, 100k vs 3M responses (+1M ratings)
	scripts/setup.sh requirements.txt && .venv/bin/python benchmarks/dashboard_latency.py --database $(DB)
