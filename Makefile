# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app shop
HOST ?= 127.0.0.1
PORT ?= 5000
# `make run` offers VietQR with a demo bank account (any of these already set in the environment wins);
# `make simulate-bank-transfer ORDER=QN…` plays the bank's notification of the transfer.
DEMO_BANK := BANK_BIN=$${BANK_BIN:-970436} BANK_ACCOUNT_NUMBER=$${BANK_ACCOUNT_NUMBER:-0011001932418} \
	BANK_ACCOUNT_NAME="$${BANK_ACCOUNT_NAME:-HTX DICH VU OCOP QUANG NINH}" \
	BANK_WEBHOOK_API_KEY=$${BANK_WEBHOOK_API_KEY:-demo-bank-webhook-key}

.PHONY: run simulate-bank-transfer worker scheduler test faults fuzz mutation coverage test-repeat install install-dev translations extract-messages migrate seed lint bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed translations

install-dev: $(VENV)/.installed-dev translations

## Compile the committed .po catalogues into .mo files.
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -d shop/translations -D "messages wtforms"

## Refresh the .po catalogues from the code and templates (messages), and from WTForms' own messages
## (wtforms: WTForms ships no Vietnamese, shop/forms.py reads this catalogue).
extract-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --ignore-dirs ".*" --sort-by-file -o shop/translations/messages.pot .
	$(VENV)/bin/pybabel update -i shop/translations/messages.pot -d shop/translations --no-fuzzy-matching
	$(VENV)/bin/pybabel update -D wtforms -d shop/translations --no-fuzzy-matching \
		-i $$($(PY) -c 'from wtforms.i18n import messages_path; print(messages_path())')/wtforms.pot

migrate: install
	mkdir -p instance
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

## Install, migrate, load the demo catalogue and start the shop on http://$(HOST):$(PORT).
run: seed
	@echo ""
	@echo "OCOP Quảng Ninh shop: http://$(HOST):$(PORT)"
	@echo "Demo accounts (password: ocop-demo):"
	@echo "  admin@example.com      administrator (back office /admin/)"
	@echo "  producer@example.com   approved producer (portal /producer/)"
	@echo "  producer2@example.com  approved producer (portal /producer/)"
	@echo "  customer@example.com   customer"
	@echo "VietQR bank transfer with a demo account: pay an order with it, then in another terminal"
	@echo "  make simulate-bank-transfer ORDER=<its number>   (the bank's notification; the order page turns paid)"
	@echo ""
	$(DEMO_BANK) $(FLASK) run --host $(HOST) --port $(PORT)

## Play the bank's notification of a transfer paying ORDER (demo only), as SePay sends it to /webhooks/bank.
simulate-bank-transfer:
	@test -n "$(ORDER)" || { echo "usage: make simulate-bank-transfer ORDER=QN…"; exit 2; }
	$(DEMO_BANK) $(FLASK) simulate-bank-transfer $(ORDER)

## A job worker (needs REDIS_URL or JOBS_REDIS_URL): takes the mail and default queues until stopped; start as
## many as the queues need, on any machine. Without Redis the jobs run in the web process and need no worker.
worker: install
	$(FLASK) jobs worker

## The queue's scheduler (needs Redis): puts the periodic jobs (expiry, reconciliation, mail, reminders, listings,
## rollups) on the queues when due; run one per deployment.
scheduler: install
	$(FLASK) jobs scheduler

## Coverage of the SQLite run (line and branch, pytest-cov): COVERAGE=1 measures `make test`'s SQLite run, with no
## run of its own, and fails it when branch coverage is below COVERAGE_MIN_BRANCH percent (.ci/run sets COVERAGE=1).
COVERAGE_MIN_BRANCH ?= 90
COVERAGE_JSON := test-artifacts/coverage.json
COV_ARGS = --cov=shop --cov-branch --cov-report=json:$(COVERAGE_JSON) --cov-report=term:skip-covered
COV_SUMMARY = $(PY) .ci/coverage_summary.py $(COVERAGE_JSON)

## Install and run every test on SQLite, then on PostgreSQL when TEST_DATABASE_URL is set.
test: install-dev
	env -u TEST_DATABASE_URL $(PY) -m pytest -q $(if $(COVERAGE),$(COV_ARGS))
	$(if $(COVERAGE),$(COV_SUMMARY) --min-branch $(COVERAGE_MIN_BRANCH))
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$TEST_DATABASE_URL) =="; \
		$(PY) -m pytest -q -m "not browser"; \
	else \
		echo "TEST_DATABASE_URL is not set: skipped the PostgreSQL run."; \
	fi

## The fault suite alone (also part of `make test`): own redis-server frozen (SIGSTOP) and refused, mail
## servers stopped and hung; answers and latencies.
faults: install-dev
	$(PY) -m pytest -q -m faults

## Every form fuzzed with hostile values (hypothesis, fixed seed): FUZZ_EXAMPLES per form, 45 by default
## (more than 2,000 posts); no answer may be a 500.
FUZZ_EXAMPLES ?= 45
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:randomly tests/web/test_every_form_fuzz.py

## Planted bugs in the isolation and money rules (.ci/planted_bugs.py): each must make a test fail; prints the score.
mutation: install-dev
	$(PY) .ci/planted_bugs.py

## Line and branch coverage of the SQLite run (the browser journeys left out), the least covered modules named.
coverage: install-dev
	env -u TEST_DATABASE_URL $(PY) -m pytest -q -m "not browser" $(COV_ARGS)
	$(COV_SUMMARY)

## Before a release: the unit and web suites REPEAT times, each run in a new random order (its seed printed,
## replay one with `pytest -p random_order --random-order-seed=N`); stops at the first failing run.
REPEAT ?= 5
test-repeat: install-dev
	@for run in $$(seq 1 $(REPEAT)); do \
		seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
		echo "== run $$run of $(REPEAT), random order seed $$seed =="; \
		env -u TEST_DATABASE_URL $(PY) -m pytest -q -m "not browser" -p random_order --random-order-seed=$$seed \
			tests/unit tests/web || { echo "run $$run failed: replay with --random-order-seed=$$seed"; exit 1; }; \
	done; echo "$(REPEAT) runs in random order: no failure"

## Benchmark on PostgreSQL: generate 10,000 products and 100,000 orders (once), load every page
## under gunicorn and compare it with a bare Flask floor. BENCH_ARGS=--regenerate rebuilds the data.
BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/shop_bench
bench: install-dev
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing wrk (apt-get)…"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
				|| echo "wrk could not be installed: the Python load generator will be used"; \
		else \
			echo "wrk is missing and this is not root: the Python load generator will be used"; \
		fi; \
	fi
	BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)" $(PY) -m bench.run $(BENCH_ARGS)

## Lint the whole tree (ruff, settings in pyproject.toml) and look for high-severity security issues (bandit).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -r shop -lll

clean:
	rm -rf $(VENV) instance/shop.db .pytest_cache
