# The two set-up commands of the README: `make build` (the graph and dist/) and `make test`.
PYTHON ?= python
APT_PACKAGES = $(shell sed -e 's/\#.*//' .ci/apt-packages.txt 2>/dev/null)

.PHONY: build test lint install install-test apt-packages

# cytoscape.js for the offline structure browser comes from the npm lock file in viz/js.
JS_DIR = src/osce_kg/viz/js

install:
	$(PYTHON) -m pip install --quiet -e .
	npm ci --prefix $(JS_DIR) --no-audit --no-fund --loglevel=error

build: install
	$(PYTHON) -m osce_kg build
	$(PYTHON) -m osce_kg viz structure -o dist/structure.html

install-test: install
	$(PYTHON) -m pip install --quiet -e '.[test]'

# Debian packages the tests need (one per line in .ci/apt-packages.txt), installed only when
# missing, so that a machine that has them needs neither the network nor apt-get update.
apt-packages:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

# ruff and mypy (settings in pyproject.toml): a style or type error fails `make test` before pytest runs
lint: install-test
	$(PYTHON) -m ruff check src tests benchmarks
	$(PYTHON) -m mypy

test: install-test apt-packages lint
	$(PYTHON) -m pytest
