# Landscape Network. `make run` and `make test` are all a new machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test bench lint format messages check-deploy clean

install: $(VENV)/.installed $(if $(wildcard package.json),node_modules/.installed)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Test tools from the npm registry (axe-core for the accessibility test); the site ships none.
# Without npm the accessibility test is skipped, saying why.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && touch $@; \
	else \
	  echo "npm not found: tests/test_browser_accessibility.py will be skipped (apt-get install npm)"; \
	fi

run: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/daphne -b $(HOST) -p $(PORT) config.asgi:application

PYTEST_ARGS ?= -n auto
# Browser tests run one file per process, after the rest: each needs a live server on a freshly
# migrated database, and a second such test in one process could not rely on the first one's
# clean-up (Django restores the migrated data after a flush, which is not repeatable here).
test: install
	$(BIN)/pytest $(PYTEST_ARGS) -m "not browser"
	@for f in tests/test_browser_*.py; do $(BIN)/pytest -p no:xdist -q $$f || exit 1; done

# Every bench/*.py is a benchmark printing tables, except the Django modules they share
# (settings.py, urls.py) and helpers named _*.py.
bench: install
	@ran=0; for b in bench/*.py; do \
	  case "$$b" in bench/settings.py|bench/urls.py|bench/_*|'bench/*.py') continue;; esac; \
	  echo "== $$b"; $(PY) $$b || exit 1; ran=1; \
	done; [ $$ran = 1 ] || echo "No benchmarks yet."

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract strings into locale/*/LC_MESSAGES/django.po, then compile them (needs GNU gettext;
# the compiled .mo files are committed so `make run` needs no system package).
messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='node_modules/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=landscape.example.org \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///var/check.sqlite3} \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var/static
