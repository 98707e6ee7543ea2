# The two commands: `make demo` and `make test`. Everything else is set up on the way.
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install serve clean

$(INSTALLED): pyproject.toml scripts/make-venv.sh
	@test -x $(BIN)/python || bash scripts/make-venv.sh $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	@mkdir -p var
	$(BIN)/parley migrate --noinput -v 0
	$(BIN)/parley seed-demo --base-url http://$(HOST):$(PORT)
	$(BIN)/parley runserver $(HOST):$(PORT)

serve: $(INSTALLED)
	$(BIN)/parley runserver $(HOST):$(PORT)

test: $(INSTALLED)
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .venv-bootstrap var .pytest_cache
