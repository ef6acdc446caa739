# Diên Hồng — the two commands: `make run` (demo on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install system-deps lint types layers pytest bench clean messages

run: install
	$(BIN)/dienhong run

test: install lint types layers pytest

install: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

lint:
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

types:
	$(BIN)/mypy src

layers:
	$(BIN)/lint-imports

# Browser tests run one module per process: each drives a live server over the shared demo
# world, and two in one process interfere (see the closing note of the foundation issue).
pytest:
	$(BIN)/pytest --cov --cov-report= --cov-fail-under=0 -m "not browser" $(PYTEST_ARGS)
	for f in $$(grep -rl "mark.browser" tests --include="test_*.py" | sort); do \
	  $(BIN)/pytest --cov --cov-append --cov-report= --cov-fail-under=0 -m browser $$f || exit 1; done
	$(BIN)/coverage report

messages:
	cd src/dienhong && for app in */; do if [ -d "$$app/locale" ]; then (cd $$app && ../../../$(BIN)/dienhong makemessages -l vi --no-obsolete >/dev/null); fi; done

bench: install
	$(BIN)/dienhong bench directory --people 20000

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage
