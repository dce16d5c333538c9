# The warehouse's commands. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

# Inputs and outputs go to the build as data: make does not expand them and no shell reads them
# as text, so a folder may be named with spaces, quotes, `...` or $(...). Defaults (in
# warehouse_build/cli.py): RAW_DIR=data/samples WAREHOUSE=warehouse/warehouse.duckdb WORKERS=2
# ALLOW_FAILURES=0 EXECUTOR=process (or ray, with RAY_ADDRESS=host:port) FULL_REFRESH=0 (1: build
# everything anew instead of refreshing the published warehouse with the documents that changed). Per-document limits:
# DOCUMENT_SECONDS, DOCUMENT_MEMORY_MB, ... (ingest/limits.py).
override RAW_DIR := $(value RAW_DIR)
override WAREHOUSE := $(value WAREHOUSE)
override WORKERS := $(value WORKERS)
override ALLOW_FAILURES := $(value ALLOW_FAILURES)
override EXECUTOR := $(value EXECUTOR)
override RAY_ADDRESS := $(value RAY_ADDRESS)
override FULL_REFRESH := $(value FULL_REFRESH)
export RAW_DIR WAREHOUSE WORKERS ALLOW_FAILURES EXECUTOR RAY_ADDRESS FULL_REFRESH

.PHONY: setup lock build where ingest dbt dbt-models expectations report docs publish exports shell test test-faults test-all lint format bench bench-scale bench-refresh clean corpus-eval

# The environment is installed from requirements.lock (every package pinned, with hashes), so every
# machine gets the same set. pyproject.toml lists the direct dependencies; `make lock` re-pins.
UV_VERSION := 0.13.9
setup:
	@echo "[1/4] creating $(VENV)..."
	$(PYTHON) -m venv $(VENV)
	@echo "[2/4] installing uv $(UV_VERSION) (the installer)..."
	$(VENV)/bin/pip install --quiet uv==$(UV_VERSION)
	@echo "[3/4] installing the $$(grep -c '^[a-z]' requirements.lock) locked packages of requirements.lock..."
	$(VENV)/bin/uv pip sync --python $(VENV)/bin/python --compile-bytecode requirements.lock
	@echo "[4/4] installing this project (editable)..."
	$(VENV)/bin/uv pip install --python $(VENV)/bin/python --no-deps -e .
	@echo "set-up done: .venv is ready (make build, make test)"

lock:
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra ray --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes --custom-compile-command "make lock" \
		-q -o requirements.lock

# ingest -> dbt build -> expectations -> report -> docs -> exports -> publish, all into a candidate
# area; publish replaces the warehouse and its report, docs and exports together, only when the
# candidate passes (warehouse_build/). One build at a time per warehouse: a second one (say, a
# scheduled run overlapping a manual one) stops at once with exit code 75 and changes nothing.
# Each step on its own works on the candidate: `make dbt`, `make report`, ...
# `make build` ends by saying where its outputs are. EXPORT_LABELS=zh: the exports' CSV headers in Chinese.
build ingest dbt dbt-models expectations report docs exports publish:
	$(PY) -m warehouse_build $@

# Where the published outputs are (`make build` ends by saying it).
where:
	$(PY) -m warehouse_build where

# The published warehouse, read-only: an interactive SQL prompt (statements end with ;).
shell:
	$(PY) -m warehouse_build shell

test:
	$(VENV)/bin/pytest

# Fault cases that need a full build of their own (tests marked faults), kept out of make test for time.
test-faults:
	$(VENV)/bin/pytest -m faults

test-all:
	$(VENV)/bin/pytest -m ''

lint:
	$(VENV)/bin/ruff check ingest expectations report warehouse_build docgen tests
	$(VENV)/bin/ruff format --check ingest expectations report warehouse_build docgen tests

format:
	$(VENV)/bin/ruff format ingest expectations report warehouse_build docgen tests
	$(VENV)/bin/ruff check --fix ingest expectations report warehouse_build docgen tests

# Benchmarks (not part of make test): processor seconds per document of the parsing worker and of the
# landing process (bench_units.py; --checkout DIR times another checkout beside it), ingest
# throughput on the corpus replicated to 500 documents
# with full-build timings, PDF ingest against pdfplumber's own text and table extraction, and full
# builds of SCALE_SIZES generated documents (SCALE_FORMATS) with seconds and peak memory per step
# (`make bench-scale SCALE_SIZES="200 1000"` for a quick run), and seconds per scanned page (a
# 30-page published PDF scanned at 200 dpi, read on 2 cores).
SCALE_SIZES ?= 1000 5000 20000
SCALE_FORMATS ?= txt
bench: bench-scale bench-refresh
	$(PY) tests/benchmarks/bench_units.py
	$(PY) tests/benchmarks/bench_ingest.py
	$(PY) tests/benchmarks/bench_pdf.py
	$(PY) tests/benchmarks/bench_ocr.py --workers 2

bench-scale:
	$(PY) tests/benchmarks/bench_scale.py --sizes $(SCALE_SIZES) --formats $(SCALE_FORMATS)

# A full build of REFRESH_SIZE generated documents, then a refresh after REFRESH_CHANGED of them changed:
# seconds and processor seconds per step, side by side, and their ratio.
REFRESH_SIZE ?= 1000
REFRESH_CHANGED ?= 0.01
bench-refresh:
	$(PY) tests/benchmarks/bench_refresh.py --size $(REFRESH_SIZE) --changed $(REFRESH_CHANGED) --formats $(SCALE_FORMATS)

# Generated corpus evaluation: N documents of seed SEED in FORMATS (comma-separated: pdf, docx, xlsx, txt,
# html, doc, scan) are written to EVAL_DIR/raw with their answer keys, ingested and modelled by the
# normal pipeline (dbt-models: the models without their tests, so a misread figure cannot keep the
# marts from being scored) into EVAL_DIR/warehouse, and every answer-key fact is scored against them.
N ?= 300
SEED ?= 1
FORMATS ?= pdf
EVAL_DIR ?= corpus_eval
corpus-eval:
	$(PY) -m docgen generate --out "$(EVAL_DIR)" --n $(N) --seed $(SEED) --formats "$(FORMATS)"
	$(MAKE) --no-print-directory ingest dbt-models RAW_DIR="$(EVAL_DIR)/raw" WAREHOUSE="$(EVAL_DIR)/warehouse/warehouse.duckdb"
	$(MAKE) --no-print-directory expectations RAW_DIR="$(EVAL_DIR)/raw" WAREHOUSE="$(EVAL_DIR)/warehouse/warehouse.duckdb" \
		|| echo "expectations reported failures (scored below)"
	$(PY) -m docgen score --corpus "$(EVAL_DIR)" --warehouse "$(EVAL_DIR)/warehouse/.build/candidate/warehouse.duckdb" \
		--json "$(EVAL_DIR)/results.json" --markdown "$(EVAL_DIR)/results.md"

# Removes what builds made beside WAREHOUSE (.build/ with dbt's target and logs, .releases/, the links);
# nothing else in that folder.
clean:
	$(PY) -m warehouse_build clean
