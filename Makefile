# newsfacts — run `make help` for the list of targets.
# Needs only python3 (with venv and pip) and cargo; everything else is installed into .venv.

SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
DEV_PKGS := "maturin>=1.9.4,<2" "ruff>=0.6" "pytest>=7" "pandas>=1.5" "pyarrow>=12" "tqdm>=4" \
            "nbclient>=0.7" "nbformat>=5" "ipykernel>=6" "matplotlib>=3.6" \
            "dask[dataframe,distributed]>=2023.1"

.DEFAULT_GOAL := help
.PHONY: help venv lint fmt rust-test wheel dist pytest test demo bench eval clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.ready: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(DEV_PKGS)
	touch $@

venv: $(VENV)/.ready ## create the virtual environment with the build and test tools

lint: venv ## cargo fmt --check, clippy -D warnings (with and without the python feature), ruff
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --features python -- -D warnings
	$(VENV)/bin/ruff check python tests benches tools
	$(VENV)/bin/ruff format --check python tests benches tools

fmt: venv ## format Rust and Python sources
	cargo fmt --all
	$(VENV)/bin/ruff format python tests benches tools

rust-test: ## cargo test (the core alone, no Python)
	cargo test --all-targets
	cargo test --doc

wheel: venv ## build the release wheel and install it into the venv
	rm -f python/newsfacts/_core*.so && rm -rf dist
	$(VENV)/bin/maturin build --release --out dist
	$(PY) -m pip install -q --force-reinstall --no-deps dist/newsfacts-*.whl

dist: venv ## sdist + manylinux2014 wheel (zig) into dist/, checked with auditwheel, size and strip
	rm -rf dist && mkdir -p dist
	$(PY) -m pip install -q "ziglang>=0.13,<0.18" "auditwheel>=6"
	$(VENV)/bin/maturin sdist --out dist
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/maturin build --release --zig \
		--compatibility manylinux2014 --out dist
	$(VENV)/bin/auditwheel show dist/newsfacts-*manylinux*.whl
	$(PY) tools/wheel_report.py dist/newsfacts-*.whl

pytest: wheel ## pytest against the installed wheel (also executes the notebooks)
	cd tests && ../$(PY) -m pytest -q python

test: venv lint rust-test pytest ## everything CI runs: lint, cargo test, wheel, pytest, notebooks

demo: wheel ## build in release mode and summarize the bundled sample
	$(PY) -m newsfacts demo

bench: wheel ## throughput report (articles/s, MB/s) on the sample and the seed article x1000
	$(PY) benches/bench.py --shared $(SHARED)

eval: wheel ## accuracy tables against ../shared/data, written to benches/EVAL.md
	cargo build --release --bins
	bash benches/eval.sh $(SHARED)/data benches/EVAL.md

clean: ## remove build outputs and the venv
	rm -rf target dist $(VENV) python/newsfacts/_core*.so
