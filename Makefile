# The two commands every new user needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/mvi-monitor
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo prints, and that of the links in the e-mails it sends (unless
# MVI_BASE_URL is set), follow HOST and PORT.
DEMO_URL := http://$(HOST):$(PORT)

# Debian packages: what the app needs to run (WeasyPrint's Pango, Cairo for the charts
# drawn into the Word report by CairoSVG, fonts, gettext for the Dutch catalogue) and what
# the tests need beside it (a browser, LibreOffice to open the exports and the Word
# report as a real reader would, pdftotext).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core gettext
TEST_PACKAGES := $(RUN_PACKAGES) chromium libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils

.PHONY: run test lint lint-imports typecheck pytest messages system-run system-test demo bench bench-instructions fuzz accessibility-report clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

system-run:
	@scripts/apt-ensure $(RUN_PACKAGES)

system-test:
	@scripts/apt-ensure $(TEST_PACKAGES)

messages: $(BIN)/.installed
	cd src/mvimonitor && ../../$(MANAGE) compilemessages -v0

demo: $(BIN)/.installed system-run messages
	$(MANAGE) migrate --noinput -v0
	MVI_DEMO=true $(MANAGE) load_demo --url $(DEMO_URL)

# The demo as a user meets it: without Django's debug pages (the site's own error pages,
# ADR 0032), so it answers only to HOST (and localhost). Without debug the development
# server serves the static files only with --insecure: the honest way until issue 19
# brings the production server (WhiteNoise on collected files).
# WhiteNoise, without debug, expects the folder of collected files and warns at every start
# when it is missing; the demo collects nothing, so it is made empty.
run: demo
	@mkdir -p $${MVI_DATA_DIR:-var}/static
	MVI_DEMO=true MVI_DEBUG=false \
	MVI_ALLOWED_HOSTS=$${MVI_ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1} \
	MVI_CONTACT_EMAIL=$${MVI_CONTACT_EMAIL:-beheer@mvi.demo} \
	MVI_BASE_URL=$${MVI_BASE_URL:-$(DEMO_URL)} $(MANAGE) runserver --insecure $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# The boundaries between apps (pyproject.toml, [tool.importlinter]; ADR 0017): no cycles,
# the layers, and each app used through its public modules only. Part of `make test`.
lint-imports: $(BIN)/.installed
	$(BIN)/lint-imports

typecheck: $(BIN)/.installed
	$(BIN)/mypy

test: $(BIN)/.installed system-test messages lint lint-imports typecheck
	$(MANAGE) makemigrations --check --dry-run -v1
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

# Every importer (plans, tenders, contracts) fed 2,000 generated workbooks, .xlsx and
# .ods, nearly valid or damaged: none may raise or save part of a file (tests/fuzz, the
# hypothesis profile "fuzz" in tests/conftest.py; MVI_FUZZ_EXAMPLES=N for another number).
# `make test` runs the same tests with 50 examples each. See docs/security.md.
fuzz: $(BIN)/.installed messages
	HYPOTHESIS_PROFILE=fuzz DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests/fuzz \
		--hypothesis-show-statistics

# Not a test: times the monitor report on the demo and on a generated plan of 2,000
# actions in a throwaway database, and prints it against the targets (docs/performance.md).
bench: $(BIN)/.installed system-run messages
	$(BIN)/python -m benchmarks.run

# Not a test either: the CPU instructions of one draft report page (valgrind), to compare
# two versions of the code on one machine whatever else it runs (docs/performance.md).
bench-instructions: $(BIN)/.installed system-run messages
	@scripts/apt-ensure valgrind
	$(BIN)/python -m benchmarks.instructions

# The axe results of every page at 375 and 1280 px (tests/e2e/test_every_page.py), as
# the accessibility statement shows them: run it before a release and commit the file.
AXE_REPORT := src/mvimonitor/web/data/axe_results.json
accessibility-report: $(BIN)/.installed system-test messages
	MVI_AXE_REPORT=$(AXE_REPORT) DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest \
		tests/e2e/test_every_page.py -q

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache
