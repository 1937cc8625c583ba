# iliopsoas-lessons developer entry points.
# The lessons' tools are one console command, `iliopsoas-lessons` (iliopsoas_lessons/cli.py):
# these targets call it, and it works without make (Windows, macOS): iliopsoas-lessons --help.
#   make lab        open the lessons in JupyterLab (installs the lessons' packages only)
#   make test-fast  lint and the unit tier in about a minute (CONTRIBUTING.md: which tier when)
#   make test       run every test (lint, unit, notebooks, browser, site, hub, packaging)
#   make notebooks  re-execute all lesson notebooks in place
#   make html       export the lessons as offline HTML pages into build/html
#   make bench      run every benchmarks/*.py script (bench_site.py builds the site: needs .venv/site)
#   make assets     regenerate diagram assets
#   make voila      serve the lessons as a Voila app (each lesson's links open the next one)
#   make review     build the clinician's review sheet (build/review/review.html and .pdf)
#   make site       build the course website into build/site (open build/site/index.html)
#   make handouts   one printable PDF per lesson with its exercises, and its answer key (build/handouts/)
#   make class N=5  a class of N simulated learners on a local JupyterHub (deploy/jupyterhub/)
#   make lock       after changing pyproject.toml's dependencies: uv.lock, the requirements files, environment.yml
# Needs python3 (3.10+) and make; the hub's proxy needs node (18+) and npm.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# the console command the editable install puts in the venv (adds --allow-root itself when run as root)
CLI    := $(VENV)/bin/iliopsoas-lessons
STAMP  := $(VENV)/.installed.stamp
HUB_DIR := deploy/jupyterhub
PROXY   := $(HUB_DIR)/node_modules/.bin/configurable-http-proxy

NOTEBOOKS   := $(sort $(wildcard notebooks/*.ipynb))
PYTEST_ARGS ?=
VOILA_ARGS  ?=
LAB_ARGS    ?=

# what a learner or teacher needs (requirements-lessons.txt); the developers' venv adds the rest
LAB_STAMP := $(VENV)/.lessons.stamp

.PHONY: lock lab test test-fast test-js lint notebooks html review site handouts bench assets voila venv bytecode clean class proxy

venv: $(STAMP)

# uv, pinned, in a venv of its own (.venv/lock) with what scripts/lockfile.py
# needs to read the lock (the versions uv.lock pins). It installs every venv
# below from the exported requirements files: the same pins pip would install,
# in a fraction of pip's time (a fresh clone's three venvs: about 3 minutes
# with pip, well under one with uv). It is only the installer: the venvs get
# pip as usual, and nothing of uv's lands in them.
UV_VERSION := 0.13.8
UV := $(VENV)/lock/bin/uv
# --compile-bytecode: pip compiles what it installs, uv only when asked. Where
# PYTHONDONTWRITEBYTECODE is set (many containers, CI images) nothing else
# would, and every kernel and server the tests start would compile its imports again.
UV_PIP = $(UV) pip install --compile-bytecode --python
$(UV):
	test -x $(VENV)/lock/bin/python || $(PYTHON) -m venv $(VENV)/lock
	$(VENV)/lock/bin/python -m pip install --quiet uv==$(UV_VERSION) packaging==26.4 "tomli==2.5.0 ; python_version < '3.11'"

# Every lesson kernel imports the package afresh. Where PYTHONDONTWRITEBYTECODE
# is set (as in many containers) nothing caches the compiled modules of an
# editable install, and each kernel spends about 40 ms compiling them again.
# compileall only rewrites what changed.
bytecode: $(LAB_STAMP)
	$(PY) -m compileall -q iliopsoas_lessons

# Re-runs whenever the requirements, pyproject.toml or the installed Jupyter files change.
# An editable install skips pyproject's data-files (a normal install, as on
# Binder, puts them in place), so the Voila template, the server setting and
# the JupyterLab settings learners get (share/jupyter/lab/settings/) are copied.
VOILA_FILES := $(wildcard share/jupyter/voila/templates/iliopsoas/*) $(wildcard etc/jupyter/jupyter_server_config.d/*.json) \
               $(wildcard etc/jupyter/voila.py) $(wildcard share/jupyter/lab/settings/*.json)

# The lessons' environment only: JupyterLab, Voila, a kernel (no test or hub tools).
# (uv is order-only: a newer uv does not reinstall the venv.)
$(LAB_STAMP): requirements-lessons.txt $(wildcard pyproject.toml) $(VOILA_FILES) | $(UV)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(UV_PIP) $(PY) -r requirements-lessons.txt
	$(UV_PIP) $(PY) -e .
	cp -R share etc $(VENV)/
	touch $@

# The developers' venv: the lessons' environment plus the hub and the test tools.
$(STAMP): requirements.txt $(LAB_STAMP)
	$(UV_PIP) $(PY) -r requirements.txt
	touch $@

# Sphinx's venv needs only a python to start from (order-only), so under
# make -j it installs beside the developers' venv instead of after it.
SITE_VENV  := $(VENV)/site
SITE_STAMP := $(SITE_VENV)/.installed.stamp
$(SITE_STAMP): requirements-site.txt | $(LAB_STAMP)
	test -x $(SITE_VENV)/bin/python || $(PY) -m venv $(SITE_VENV)
	$(UV_PIP) $(SITE_VENV)/bin/python -r requirements-site.txt
	touch $@

lab: $(LAB_STAMP) bytecode
	$(CLI) lab $(LAB_ARGS)

# uv.lock is the one lock file: every exact version of every environment. It is
# resolved from pyproject.toml's ranges (an existing lock keeps its versions;
# `make lock UV_ARGS=--upgrade-package=X` moves one), then exported:
# requirements-lessons.txt (make lab), requirements.txt (the developers' venv
# and CI), requirements-site.txt (.venv/site) and environment.yml (Binder).
UV_ARGS ?=
UV_EXPORT := $(UV) export --frozen --no-hashes --no-emit-project --no-default-groups
lock: $(UV)
	$(UV) lock $(UV_ARGS)
	$(UV_EXPORT) --extra lessons -o requirements-lessons.txt
	$(UV_EXPORT) --extra lessons --extra hub --group test -o requirements.txt
	$(UV_EXPORT) --only-group site -o requirements-site.txt
	$(VENV)/lock/bin/python scripts/lockfile.py environment.yml

# The tiers (pytest.ini's markers; conftest.py gives every test one):
#   unit       tests/*.py: the package, scripts and data (scratch folders, free ports)
#   notebooks  nbval over the stored lessons; nbval's kernels are seeded and
#              sent to a scratch progress folder by conftest.py, so plain
#              `pytest --nbval notebooks/` is exactly this tier
#   browser, site, hub, packaging: servers and builds on 127.0.0.1, free ports,
#              stopped by their PIDs
# `make test` runs them all in one pytest run spread over the cores by
# pytest-xdist (XDIST). Each module and each notebook stays on one worker
# (--dist loadscope): a notebook's cells share a kernel, a module's tests share
# its servers. Session fixtures are per worker (each starts its own JupyterLab
# and Voila); the course website, the wheel and its fresh venv are made once
# per run for both (tests/conftest.py: built_site, built_wheel, wheel_venv,
# behind a file lock). conftest.py puts the longest tiers first (and, within a
# tier, the modules holding a slow test) and --no-loadscope-reorder keeps that
# order, so the short unit modules fill in at the end. Four workers on the two
# cores were slower, not faster (CONTRIBUTING.md: the measurements).
XDIST       ?= -n 2
NBVAL_ARGS  := --nbval
DIST        := --dist loadscope --no-loadscope-reorder
ALL_TIERS   := unit or notebooks or browser or site or hub or packaging

# ruff (style, complexity and formatting, [tool.ruff]) and import-linter (the layers, [tool.importlinter])
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The front-end modules' pure functions (the case player's engine) against
# the paths Python replays, with no browser (Node.js 18+).
test-js:
	node --test tests/js/

# A contributor's loop: lint, then the unit tier without the slow tests (the
# PDF builds, the full HTML export, fresh kernels; `make test` runs them).
# tests/browser holds only browser tests and nbval only runs notebooks: neither
# is loaded here (about 1.5 s of CPU in each of the three pytest processes).
test-fast: lint bytecode test-js
	$(PY) -m pytest tests -m "unit and not slow" -p no:nbval --ignore=tests/browser $(XDIST) $(PYTEST_ARGS)

# One pytest run; a PYTEST_ARGS (-k ...) that leaves it nothing to run
# (pytest's exit status 5) is not a failure.
test: $(STAMP) $(SITE_STAMP) bytecode $(PROXY) lint test-js
	$(PY) -m pytest tests $(if $(NOTEBOOKS),$(NBVAL_ARGS) $(NOTEBOOKS)) -m "$(ALL_TIERS)" $(XDIST) $(DIST) $(PYTEST_ARGS) || [ $$? -eq 5 ]

notebooks: $(STAMP) bytecode
	$(PY) scripts/run_notebooks.py

# Runs every script even if one fails (a missed goal exits non-zero); fails at the end.
# Offline HTML pages of the lessons (static pictures of the widgets, no CDN).
html: $(STAMP) bytecode
	$(PY) scripts/export_html.py --output-dir build/html

# Every cited statement with its references and evidence level, for a
# clinician to check in one sitting: HTML, then PDF printed by Debian's
# Chromium (A4 landscape). Offline: a request for anything but a local file fails the build.
review: $(STAMP) bytecode
	$(CLI) review --output-dir build/review

# The course website (Sphinx + MyST-NB + sphinx-book-theme) into build/site:
# the stored notebooks, the instructor guide and the references. Offline.
site: $(STAMP) $(SITE_STAMP) bytecode
	$(CLI) site --output-dir build/site

# One printable PDF per lesson (summary, key figures, the exercises, and a
# body-map worksheet in lessons 03-05) and its answer key (NN_name-answers.pdf)
# into build/handouts, printed offline by Debian's Chromium.
handouts: $(STAMP) bytecode
	$(CLI) handouts --output-dir build/handouts

bench: $(STAMP) $(SITE_STAMP) bytecode $(PROXY)
	@failed=""; for f in benchmarks/*.py; do \
	  [ -e "$$f" ] || { echo "no benchmarks/*.py to run"; exit 0; }; \
	  echo "== $$f"; $(PY) "$$f" || failed="$$failed $$f"; \
	done; \
	if [ -n "$$failed" ]; then echo "bench: failed:$$failed"; exit 1; fi

# configurable-http-proxy for the class hub, from npm, exactly as package-lock.json pins it.
$(PROXY): $(HUB_DIR)/package.json $(HUB_DIR)/package-lock.json
	npm ci --prefix $(HUB_DIR) --no-audit --no-fund
	touch $@

proxy: $(PROXY)

# N learners at once on a JupyterHub on 127.0.0.1 (bounded: 1 to 60), all stopped
# afterwards; fails if a learner fails or loses files. The full sweep: make bench.
N ?= 5
class: $(STAMP) bytecode $(PROXY)
	$(PY) benchmarks/bench_class.py --learners $(N) --check

assets: $(STAMP)
	$(PY) scripts/make_assets.py

# The folder, not one notebook: Voila then renders every lesson at
# /voila/render/NN_name.ipynb, so the lessons' relative links (Next, Previous,
# prerequisites) open the linked lesson as an app. Served as a single notebook,
# Voila sends any other path to its file handler, which refuses .ipynb (403).
# etc/jupyter/voila.py serves only loopback Host names and starts no kernel for
# another site's request (DNS rebinding, cross-site links and frames).
voila: $(LAB_STAMP) bytecode
	$(VENV)/bin/voila notebooks $(VOILA_ARGS)

clean:
	rm -rf build dist *.egg-info .pytest_cache tests/browser/artifacts
