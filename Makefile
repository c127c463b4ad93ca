# Chandra: `make demo` runs it on SQLite; `make test` runs the suite on PostgreSQL.
SHELL := /bin/bash
PYTHON ?= $(firstword $(shell command -v python3.12) $(wildcard /root/.pyenv/versions/3.12*/bin/python3.12) python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/chandra
# Browser tests commit the demo content once per run, so they get their own database.
BROWSER_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/chandra_browser

.PHONY: install messages demo serve migrate test test-unit test-browser bench bench-tools bench-search makemessages fonts clean

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed messages

messages: $(VENV)/.installed
	@$(PY) bin/compile_messages.py

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo
	@$(MAKE) --no-print-directory serve

# The ASGI web server (uvicorn: the live sitting's Server-Sent Events need it), one task
# worker (search index, follows), the outbox's relay (every e-mail) and the scheduler
# (scheduled publishing, overdue complaints) side by side.
serve:
	@trap 'kill 0' EXIT; \
	$(MANAGE) db_worker --queue-name '*' >/dev/null 2>&1 & \
	$(MANAGE) relay_outbox >/dev/null 2>&1 & \
	$(MANAGE) run_scheduler >/dev/null 2>&1 & \
	echo "Chandra: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"; \
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(VENV)/bin/uvicorn cms.asgi:application \
		--host $(HOST) --port $(PORT) --lifespan off --no-access-log

# The whole suite on PostgreSQL: unit and HTTP tests (one process and one test database per
# core, TEST_WORKERS), then the browser journeys.
TEST_WORKERS ?= auto
test: install node_modules/.installed
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest --reuse-db -n $(TEST_WORKERS) --ignore=tests/browser $(PYTEST_ARGS)
	DATABASE_URL=$(BROWSER_DATABASE_URL) $(PY) -m pytest tests/browser --create-db $(PYTEST_ARGS)

# The production front the pages benchmark runs (Debian packages).
BENCH_PACKAGES := nginx wrk libnginx-mod-http-cache-purge
bench-tools:
	@command -v nginx >/dev/null && command -v wrk >/dev/null && test -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(BENCH_PACKAGES); }

bench: install bench-tools
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/run.py

bench-search: install
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) bench/search_bench.py

makemessages: install
	$(MANAGE) makemessages --locale th --locale en --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete
	@$(PY) bin/compile_messages.py

fonts: node_modules/.installed
	cp node_modules/@fontsource/sarabun/files/sarabun-{thai,latin}-{400,700}-normal.woff2 cms/static/fonts/

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
