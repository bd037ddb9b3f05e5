# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint run migrate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dondoc demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

run: $(STAMP)
	$(BIN)/dondoc run

migrate: $(STAMP)
	$(BIN)/dondoc migrate

bench: $(STAMP)
	$(BIN)/python bench/deadlines.py
	$(BIN)/python bench/import_docx.py
	$(BIN)/python bench/reading.py
	$(BIN)/python bench/chart.py
	$(BIN)/python bench/views.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/engine_tick.py
	$(BIN)/python bench/broadcast.py --chats 300
	$(BIN)/python bench/ocr.py
	$(BIN)/python bench/footprint.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
