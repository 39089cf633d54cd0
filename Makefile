# Everything a fresh machine needs. `make serve` answers on the bundled corpus,
# `make test` runs the whole suite (what CI runs).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install system-deps serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser test (playwright drives /usr/bin/chromium, nothing downloaded).
# Debian's chromium for the browser tests, and a CJK font so its screenshots show Chinese text
system-deps:
	@(command -v chromium >/dev/null 2>&1 && dpkg -s fonts-wqy-zenhei >/dev/null 2>&1) || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null)

serve: install
	$(BIN)/policykb serve

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: install
	$(BIN)/python -m eval.bench_index
	$(BIN)/python -m eval.bench_query

clean:
	rm -rf data .pytest_cache
