# The two set-up commands of the README: `make build` (the graph and dist/) and `make test`.
# They work on a stock Debian with python3 and make: everything Python goes into the project's own
# virtualenv (.venv); Debian packages that are missing (python3-venv, nodejs and npm for the browser
# libraries, the tests' packages of .ci/apt-packages.txt) come from apt-get, with sudo unless root.
# `make dist` builds the release files into release/; `make wheel-check` proves that the wheel
# works on its own.
PYTHON3 ?= python3
VENV = .venv
PYTHON = $(VENV)/bin/python
OSCE_KG = $(VENV)/bin/osce-kg
PIP = $(PYTHON) -m pip --quiet
TEST_APT_PACKAGES = $(shell sed -e 's/\#.*//' .ci/apt-packages.txt 2>/dev/null)
# The virtualenv's programs first, as if it were activated: the tests start `osce-kg` and the
# `oxigraph` server by name.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

# The npm project whose files the package inlines (cytoscape.js; see package.json's vendor map).
JS_DIR = src/osce_kg/viz/js

.PHONY: build test lint install install-test assets apt-packages dist wheel-check

# Debian packages, installed only when missing, so that a machine that has them needs neither the
# network nor root for this step.
define apt_install
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

# The virtualenv; Debian's python3 needs python3-venv for it (other Pythons bring ensurepip along).
$(PYTHON):
	@$(PYTHON3) -c 'import ensurepip' 2>/dev/null || { $(call apt_install,python3-venv); }
	$(PYTHON3) -m venv $(VENV)
	$(PIP) install --upgrade pip

install: $(PYTHON) assets
	$(PIP) install -e '.[serve,harvest,places]'

# cytoscape.js (and any other library of package.json) exactly as package-lock.json pins it.
assets: $(JS_DIR)/node_modules/.package-lock.json

$(JS_DIR)/node_modules/.package-lock.json: $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	@command -v npm >/dev/null || { $(call apt_install,nodejs npm); }
	npm ci --prefix $(JS_DIR) --no-audit --no-fund --loglevel=error

build: install
	$(OSCE_KG) build
	$(OSCE_KG) viz structure -o dist/structure.html

install-test: install
	$(PIP) install -e '.[test]'

apt-packages:
	$(call apt_install,$(TEST_APT_PACKAGES))

# ruff and mypy (settings in pyproject.toml): a style or type error fails `make test` before pytest runs
lint: install-test
	$(PYTHON) -m ruff check src tests benchmarks
	$(PYTHON) -m mypy

test: install-test apt-packages lint
	$(PYTHON) -m pytest

# The sdist and the wheel built from it, in release/ (dist/ holds the graph's exports), checked by twine.
dist: install
	$(PIP) install -e '.[release]'
	rm -rf release
	$(PYTHON) -m build --outdir release .
	$(PYTHON) -m twine check --strict release/*

# The wheel installed into a fresh virtualenv and run from an empty folder, away from the checkout.
wheel-check: dist
	PYTHON3=$(PYTHON3) .ci/wheel-check release/osce_kg-*.whl
