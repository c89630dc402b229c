.PHONY: run test lint

run:  ## set up, migrate, seed demo data and serve on http://127.0.0.1:5000/
	scripts/run.sh

test:  ## set up and run the whole suite on SQLite and PostgreSQL
	scripts/test.sh

lint:  ## ruff over the code (installs the dev requirements first)
	scripts/setup.sh requirements-dev.txt
	.venv/bin/ruff check engage tests $(wildcard benchmarks)
