# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make site   creates .venv, installs the pinned requirements and builds the site into output/
#   make test   creates .venv, installs the pinned test requirements and the Debian packages the tests need
#               (tests/system-packages.sh), and runs the whole test suite
# Further targets: make preview (live-reloading preview on http://127.0.0.1:8000), make check (all content
# checks, no build), make hooks (the pre-commit hook that runs the check before each commit), make publish-build.
# Each target only delegates to an invoke task in tasks.py.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test preview check hooks publish-build docs bench clean

site: $(VENV)/.requirements
	$(BIN)/invoke build

publish-build: $(VENV)/.requirements
	$(BIN)/invoke build --publish

preview: $(VENV)/.requirements
	$(BIN)/invoke preview

check: $(VENV)/.requirements
	$(BIN)/invoke check

hooks: $(VENV)/.requirements
	$(BIN)/pre-commit install

# The Debian packages the tests need (Chromium, Java, nginx, OpenSSH, rsync, Node, git) are installed first when
# missing; when all are there this costs a few milliseconds. `make site` needs none of them.
test: $(VENV)/.requirements-test
	@sh tests/system-packages.sh
	$(BIN)/invoke test

docs: $(VENV)/.requirements
	$(BIN)/invoke docs

bench: $(VENV)/.requirements-test
	$(BIN)/invoke bench

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed; installing Debian's python3-venv" >&2; \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi && \
	  $(PYTHON) -m venv $(VENV); }

$(VENV)/.requirements: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-test: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.requirements $@

clean:
	rm -rf output .output-* .pytest_cache
