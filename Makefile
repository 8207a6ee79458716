# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint architecture typecheck pytest bench lock migrations-check messages clean system-deps audit vendor-axe

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP) system-deps

# WeasyPrint needs Pango; letters need a CJK font; browser tests need Debian's chromium.
# Installed with apt-get when we are root on Debian/Ubuntu, otherwise we say what is missing.
system-deps:
	@bash bin/system-deps

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
	$(BIN)/python manage.py seed_demo
	@echo "Starting web (http://127.0.0.1:8000/), Celery worker and beat. Ctrl-C stops them all."
	$(BIN)/honcho start -f Procfile.dev

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest

# Known vulnerabilities in requirements.lock (pip-audit); says plainly when its data is unreachable.
audit: install
	bash bin/dependency-audit

# The architecture: layers and a Django-free engine, as contracts in pyproject.toml ([tool.importlinter]).
architecture: install
	$(BIN)/lint-imports

test: lint architecture typecheck migrations-check audit pytest

bench: install
	$(BIN)/python -m bench

lock: | $(BIN)/python
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --no-emit-index-url --no-emit-find-links \
		--no-strip-extras --allow-unsafe -o requirements.lock pyproject.toml

messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/db.sqlite3 var/broker var/test-db.sqlite3

# axe-core for the browser tests' accessibility checks, vendored so CI needs no network (committed).
AXE_VERSION ?= 4
vendor-axe:
	mkdir -p tests/browser/vendor
	cd tests/browser/vendor && tarball=$$(npm pack --silent axe-core@$(AXE_VERSION)) && \
		tar -xzf "$$tarball" package/axe.min.js package/LICENSE package/package.json && \
		mv package/axe.min.js package/LICENSE . && \
		node -e 'console.log(require("./package/package.json").version)' > axe.version && \
		rm -rf package "$$tarball"
