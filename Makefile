# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# `make serve HOST=0.0.0.0 PORT=8841` (the address tracuu listens on)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve index test lint bench clean

# pip's and setuptools' output goes to a log, shown only when the install fails.
$(STAMP): pyproject.toml
	@echo "Installing tracuu into $(VENV) (about a minute the first time)..."
	@$(PYTHON) -m venv $(VENV)
	@($(BIN)/pip install --upgrade pip && $(BIN)/pip install -e '.[test]') \
		> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	@$(BIN)/tracuu serve --host $(HOST) --port $(PORT)

index: $(STAMP)
	$(BIN)/tracuu index

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/index_bench.py --docs 2000
	$(BIN)/python bench/relevance.py

clean:
	rm -rf data/index .pytest_cache
