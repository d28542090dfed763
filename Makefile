# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: run test setup lint format clean bundle deb smoke

run: $(VENV)/.installed-run
	$(BIN)/reiscoder demo

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(VENV)/.installed-run: pyproject.toml
	@scripts/check-python.sh $(PYTHON)
	scripts/system-deps.sh run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	$(BIN)/python -m reiscoder.privacy.deduce_names  # deduce's name tables, built once
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	scripts/system-deps.sh test
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The one-folder app (dist/reiscoder/), its .deb, and the smoke test of the installed .deb.
bundle: $(VENV)/.installed-bundle
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/reiscoder.spec

deb: bundle
	packaging/linux/build-deb.sh

smoke: $(VENV)/.installed-test
	$(BIN)/python -m pytest -p no:cacheprovider smoke $(SMOKE_ARGS)

$(VENV)/.installed-bundle: pyproject.toml $(VENV)/.installed-run
	PYTHON=$(PYTHON) scripts/system-deps.sh bundle
	$(BIN)/python -m pip install -q -e '.[bundle]'
	touch $@

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
