# The warehouse's commands. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DBT := $(VENV)/bin/dbt

RAW_DIR ?= data/samples
WAREHOUSE ?= warehouse/warehouse.duckdb
OUT_DIR := $(patsubst %/,%,$(dir $(WAREHOUSE)))
BUILD_DIR := $(OUT_DIR)/.build
CANDIDATE := $(BUILD_DIR)/candidate.duckdb
ALLOW_FAILURES ?= 0
# `make report` / `make exports` on their own read the last candidate, or else the published file.
READ_DB = $(if $(wildcard $(CANDIDATE)),$(CANDIDATE),$(WAREHOUSE))
WORKERS ?= 2

DBT_ENV := WAREHOUSE_DB=$(abspath $(CANDIDATE)) DBT_TARGET_PATH=$(abspath $(BUILD_DIR))/dbt_target \
	DBT_LOG_PATH=$(abspath $(BUILD_DIR))/dbt_logs DBT_SEND_ANONYMOUS_USAGE_STATS=false
DBT_ARGS := --project-dir dbt_project --profiles-dir dbt_project

.PHONY: setup lock build build-steps where ingest dbt expectations report docs publish exports shell test test-all lint format bench clean corpus-eval dbt-models

# The environment is installed from requirements.lock (every package pinned, with hashes), so every
# machine gets the same set. pyproject.toml lists the direct dependencies; `make lock` re-pins.
UV_VERSION := 0.13.9
setup:
	@echo "[1/4] creating $(VENV)..."
	$(PYTHON) -m venv $(VENV)
	@echo "[2/4] installing uv $(UV_VERSION) (the installer)..."
	$(VENV)/bin/pip install --quiet uv==$(UV_VERSION)
	@echo "[3/4] installing the $$(grep -c '^[a-z]' requirements.lock) locked packages of requirements.lock..."
	$(VENV)/bin/uv pip sync --python $(VENV)/bin/python requirements.lock
	@echo "[4/4] installing this project (editable)..."
	$(VENV)/bin/uv pip install --python $(VENV)/bin/python --no-deps -e .
	@echo "set-up done: .venv is ready (make build, make test)"

lock:
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra ray --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes --custom-compile-command "make lock" \
		-q -o requirements.lock

# ingest -> dbt build -> expectations -> report -> publish. Everything is written to a candidate
# file first; the published $(WAREHOUSE) is replaced atomically only when the candidate passes.
# One build at a time per warehouse: a second one (say, a scheduled run overlapping a manual one)
# stops at once with exit code 75 instead of writing into the same candidate.
build:
	mkdir -p $(BUILD_DIR)
	rc=0; flock --nonblock --conflict-exit-code 75 $(BUILD_DIR)/build.lock \
		$(MAKE) --no-print-directory build-steps || rc=$$?; \
	if [ $$rc = 75 ]; then echo "another build of $(WAREHOUSE) is running; nothing was done" >&2; fi; \
	if [ $$rc = 0 ]; then $(MAKE) --no-print-directory where; fi; \
	exit $$rc

# Where a build's outputs are, printed at the end of `make build`.
where:
	@echo ""
	@echo "warehouse  $(WAREHOUSE)   (query it: make shell, or .venv/bin/python -m report.query \"select ...\")"
	@echo "report     $(OUT_DIR)/report/index.html"
	@echo "dbt docs   $(OUT_DIR)/docs/index.html"
	@echo "exports    $(OUT_DIR)/exports/   (Parquet, CSV for Excel, datapackage.json)"
	@echo "checks     $(OUT_DIR)/dq/failures.txt, $(OUT_DIR)/dq/data_docs/"

build-steps: ingest dbt expectations report docs exports publish

ingest:
	mkdir -p $(BUILD_DIR)
	rm -f $(CANDIDATE) $(CANDIDATE).wal
	$(PY) -m ingest run --raw-dir "$(RAW_DIR)" --db "$(CANDIDATE)" --workers $(WORKERS) --cache-dir "$(BUILD_DIR)/parsed"

dbt:
	$(DBT_ENV) $(DBT) build $(DBT_ARGS)

expectations:
	$(PY) -m expectations run --db "$(CANDIDATE)" --out "$(OUT_DIR)/dq"

report:
	$(PY) -m report --db "$(READ_DB)" --out "$(OUT_DIR)/report"

docs:
	@echo "dbt docs generate (the catalog of every model and column)..."
	$(DBT_ENV) $(DBT) docs generate $(DBT_ARGS) --quiet --static
	mkdir -p $(OUT_DIR)/docs
	cp $(BUILD_DIR)/dbt_target/static_index.html $(OUT_DIR)/docs/index.html

exports:
	$(PY) -m report.exports --db "$(READ_DB)" --out "$(OUT_DIR)/exports" $(if $(EXPORT_LABELS),--labels $(EXPORT_LABELS))

# The published warehouse, read-only: an interactive SQL prompt (statements end with ;).
shell:
	$(PY) -m report.query --db "$(WAREHOUSE)"

publish:
	ALLOW_FAILURES=$(ALLOW_FAILURES) $(PY) -m expectations publish --candidate "$(CANDIDATE)" \
		--warehouse "$(WAREHOUSE)" --dq "$(OUT_DIR)/dq"

test:
	$(VENV)/bin/pytest

test-all:
	$(VENV)/bin/pytest -m ''

lint:
	$(VENV)/bin/ruff check ingest expectations report docgen tests
	$(VENV)/bin/ruff format --check ingest expectations report docgen tests

format:
	$(VENV)/bin/ruff format ingest expectations report docgen tests
	$(VENV)/bin/ruff check --fix ingest expectations report docgen tests

# Benchmarks (not part of make test): ingest throughput on the corpus replicated to 500 documents
# with full-build timings, and PDF ingest against pdfplumber's own text and table extraction.
bench:
	$(PY) tests/benchmarks/bench_ingest.py
	$(PY) tests/benchmarks/bench_pdf.py

# The models without their tests: a misread figure must not keep the marts from being scored.
dbt-models:
	$(DBT_ENV) $(DBT) build $(DBT_ARGS) --quiet --exclude-resource-type test --exclude-resource-type unit_test

# Generated corpus evaluation: N documents of seed SEED in FORMATS (comma-separated: pdf, docx, xlsx,
# html, doc, scan) are written to EVAL_DIR/raw with their answer keys, ingested and modelled by the
# normal pipeline into EVAL_DIR/warehouse, and every answer-key fact is scored against the marts.
N ?= 300
SEED ?= 1
FORMATS ?= pdf
EVAL_DIR ?= corpus_eval
corpus-eval:
	$(PY) -m docgen generate --out "$(EVAL_DIR)" --n $(N) --seed $(SEED) --formats "$(FORMATS)"
	$(MAKE) --no-print-directory ingest dbt-models RAW_DIR="$(EVAL_DIR)/raw" WAREHOUSE="$(EVAL_DIR)/warehouse/warehouse.duckdb"
	$(MAKE) --no-print-directory expectations RAW_DIR="$(EVAL_DIR)/raw" WAREHOUSE="$(EVAL_DIR)/warehouse/warehouse.duckdb" \
		|| echo "expectations reported failures (scored below)"
	$(PY) -m docgen score --corpus "$(EVAL_DIR)" --warehouse "$(EVAL_DIR)/warehouse/.build/candidate.duckdb" \
		--json "$(EVAL_DIR)/results.json" --markdown "$(EVAL_DIR)/results.md"

clean:
	rm -rf $(OUT_DIR) dbt_project/target dbt_project/logs
