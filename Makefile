# Dateline. `make serve` and `make test` are all a fresh machine needs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# Where the built site will live: "/" for a domain root, "/<repo>/" for GitHub Pages.
PUBLIC_URL ?= /dateline/
# What the bundle is built from: CONTENT (scraped .txt pages, a file or a
# directory), or CORPUS=reuters|bbc for the research corpora in ../shared
# (tests and benchmarks only: never deploy a site built from them).
CONTENT ?= content
SHARED ?= $(abspath ../shared/corpora)
REUTERS_IMPORT := --jsonl $(SHARED)/reuters21578/reuters21578.jsonl.gz --source Reuters \
  --map id=newid,title=title,published=date,topics=topics,body=body|unproc_text,dateline=dateline,byline=author,facet.country=places,facet.people=people,facet.orgs=orgs,facet.exchanges=exchanges \
  --topic-labels $(SHARED)/reuters21578/category-lists/cat-descriptions_120396.txt
BBC_IMPORT := --jsonl $(SHARED)/bbc-news/bbc.jsonl.gz --source BBC --map id=id,title=title,topics=category,body=body
ifeq ($(CORPUS),reuters)
  IMPORT := $(REUTERS_IMPORT)
else ifeq ($(CORPUS),bbc)
  IMPORT := $(BBC_IMPORT)
else
  IMPORT := $(abspath $(CONTENT))
endif
export DATELINE_IMPORT := $(IMPORT)
# The address the site is served from (its origin: the path is PUBLIC_URL),
# for the absolute links of its feeds (feed.xml, feed.json); without it the
# build writes no feeds. `make serve` and the tests set their own.
SITE_URL ?= $(DATELINE_SITE_URL)
export DATELINE_SITE_URL := $(SITE_URL)
# How many article pages (the newest) get their own article/<id>/index.html
# (default 5000; the rest open through 404.html).
MAX_PAGES ?= $(DATELINE_MAX_PAGES)
export DATELINE_MAX_PAGES := $(MAX_PAGES)


.PHONY: setup serve build test test-native test-tools test-e2e e2e-fixtures reuters-site bench bench-update bench-layout bench-returning dedup-score scale-site lighthouse screenshots import-score text-score properties clean

## What building needs (wasm target, Trunk, wasm-bindgen-cli, wasm-opt): no browser.
setup:
	@bash .ci/setup

# The browser for the tests and scripts: CHROME when given (make test
# CHROME=/path/to/chrome), else what .ci/browser finds or installs.
WITH_BROWSER = CHROME="$$(bash .ci/browser)" && export CHROME &&

## Install what is missing, then serve the app at http://127.0.0.1:8080 (rebuilds on change).
serve: export DATELINE_SITE_URL := $(or $(SITE_URL),http://127.0.0.1:8080)
serve: setup
	@mkdir -p target dist  # Trunk's watcher refuses ignore paths that do not exist yet (a fresh clone)
	trunk serve --offline

## The release site in dist/, for PUBLIC_URL.
build: setup
	trunk build --offline --release --public-url $(PUBLIC_URL)

## Every test: native logic, the setup and deploy tooling, then the release build in headless Chromium.
test: setup test-native test-tools test-e2e

test-native:
	cargo test

## The browser detection, the Pages workflow (lint, and its build commands in a
## clean clone with no browser) and the hosting cache rules (node --test).
test-tools:
	cd tests && node --test --test-concurrency=1 tools/

test-e2e: export DATELINE_SITE_URL := http://127.0.0.1:4173
test-e2e:
	trunk build --offline --release --public-url /dateline/
	trunk build --offline --release --public-url / --dist target/e2e-root
	DATELINE_IMPORT="$(CURDIR)/content $(CURDIR)/tests/fixtures/update-page.txt" \
	  trunk build --offline --release --public-url /dateline/ --dist target/e2e-update
	$(MAKE) --no-print-directory reuters-site e2e-fixtures
	node tests/fixtures/make-news.mjs
	$(WITH_BROWSER) cd tests && playwright test

## Site data for the e2e fixtures (tests/fixtures) in target/e2e-fixtures.
e2e-fixtures:
	mkdir -p target/e2e-fixtures
	node tests/fixtures/make-archive.mjs target/e2e-fixtures/archive.json 260
	cargo build -q -p dateline-tools --bin dateline
	target/debug/dateline import -q -o target/e2e-fixtures/hostile-page.json tests/fixtures/html/hostile.html
	target/debug/dateline import -q -o target/e2e-fixtures/hostile-feeds.json tests/fixtures/feeds
	node tests/fixtures/make-long.mjs target/e2e-fixtures/long.json 100000
	for f in tests/fixtures/hostile.json tests/fixtures/skipped.json tests/fixtures/rich.json tests/fixtures/extreme-dates.json \
	  tests/fixtures/languages.json \
	  target/e2e-fixtures/hostile-page.json target/e2e-fixtures/hostile-feeds.json target/e2e-fixtures/long.json \
	  target/e2e-fixtures/archive.json; do \
	  target/debug/dateline build --data $$f target/e2e-fixtures/$$(basename $$f .json); done

## The Reuters site for the e2e tests and benchmarks (never for deployment).
reuters-site:
	@if [ -f $(SHARED)/reuters21578/reuters21578.jsonl.gz ]; then \
	  DATELINE_IMPORT='$(REUTERS_IMPORT)' trunk build --offline --release --public-url /dateline/ --dist target/e2e-reuters; \
	else \
	  echo "skipping the Reuters build: $(SHARED) is not here"; mkdir -p target/e2e-reuters; \
	  rm -rf target/e2e-reuters/data; echo '<!doctype html><title>no corpus</title>' > target/e2e-reuters/index.html; \
	fi

## The benchmark (one command, one JSON report in target/bench/report.json): the
## seed, Reuters and 200k sites side by side in headless Chromium, with MiniSearch
## over the same articles as the JavaScript baseline; plus the native query figures.
## Reuters and the scale-up need ../shared (skipped without it).
bench: setup build reuters-site scale-site
	@mkdir -p target/bench
	@if [ -f $(SHARED)/reuters21578/reuters21578.jsonl.gz ]; then \
	  cargo run --quiet --release -p dateline-tools --bin query-bench | tee target/bench/native.json; \
	  node tests/bench/quality.mjs | tee target/bench/quality.json; fi
	$(WITH_BROWSER) node tests/bench/run.mjs

## How the text importer does on the development pages as a browser copies them
## (headless Chromium, innerText, JavaScript off; skipped without ../shared).
text-score: setup
	$(WITH_BROWSER) node tests/score/page-text.mjs $(SHARED)/pages
	cargo run --quiet --release -p dateline-tools --bin text-score -- $(SHARED)/pages target/page-text

## `dateline update` over 300 feeds on 30 loopback addresses: a first run, one with nothing
## new, one a day later with 10% changed (target/bench/update.json).
bench-update:
	node tests/bench/update.mjs

## What an update costs in site data: on Reuters and the 200k scale-up, the files and bytes 50
## new articles change, clean and incremental build times, what a returning reader downloads,
## and 30 daily updates with the worst day (target/bench/layout-*.json; needs ../shared).
bench-layout:
	@if [ -f $(SHARED)/reuters21578/reuters21578.jsonl.gz ]; then \
	  cargo build --quiet --release -p dateline-tools --bin dateline --bin layout-bench && mkdir -p target/bench && \
	  DATELINE_IMPORT='$(REUTERS_IMPORT)' sh -c 'target/release/dateline import -q -o target/bench/reuters.json $$DATELINE_IMPORT' && \
	  DATELINE_IMPORT='$(REUTERS_IMPORT) --copies 10' sh -c 'target/release/dateline import -q -o target/bench/scale.json $$DATELINE_IMPORT' && \
	  target/release/layout-bench target/bench/reuters.json --dir target/bench/layout | tee target/bench/layout-reuters.json && \
	  target/release/layout-bench target/bench/scale.json --dir target/bench/layout | tee target/bench/layout-scale.json; \
	else echo "skipping the layout benchmark: $(SHARED) is not here"; fi

## In Chromium, what a returning reader (service worker, whole catalog, three articles read)
## downloads to see 50 new articles, on Reuters and the 200k scale-up: the bundles of
## bench-layout without their newest 50 and with them, each finished on the release app
## (target/bench/returning-*.json; needs ../shared).
bench-returning: build
	@if [ -f target/bench/reuters.json ] && [ -f target/bench/scale.json ]; then \
	  cargo build --quiet --release -p dateline-tools --bin dateline && \
	  for corpus in reuters scale; do \
	    for side in older newer; do \
	      site=target/bench/returning-$$corpus-$$side; rm -rf $$site; cp -r dist $$site; \
	      if [ $$side = older ]; then new=50; else new=0; fi; \
	      node tests/bench/without-newest.mjs target/bench/$$corpus.json $$site/articles.json $$new && \
	      target/release/dateline build $$site > /dev/null || exit 1; \
	    done; \
	    $(WITH_BROWSER) node tests/bench/returning.mjs target/bench/returning-$$corpus-older target/bench/returning-$$corpus-newer \
	      --out target/bench/returning-$$corpus.json || exit 1; \
	  done; \
	else echo "run make bench-layout first: it makes target/bench/reuters.json and scale.json"; fi

## How the archive finds one story told twice, on a labelled set made from Reuters (skipped without ../shared).
dedup-score:
	@if [ -f $(SHARED)/reuters21578/reuters21578.jsonl.gz ]; then \
	  cargo run --quiet --release -p dateline-tools --bin dedup-score -- $(SHARED)/reuters21578/reuters21578.jsonl.gz; \
	else echo "skipping the dedup score: $(SHARED) is not here"; fi

## The property tests at length (make test runs 48 cases of each; CASES=N for more).
properties:
	PROPTEST_CASES=$(or $(CASES),2000) cargo test -p dateline-tools --test properties --test wild_text
	PROPTEST_CASES=$(or $(CASES),100) cargo test --release -p dateline-tools --test incremental

## How HTML import does on the development pages in ../shared (skipped without them).
import-score:
	cargo run --quiet --release -p dateline-tools --bin import-score -- $(SHARED)/pages

## Lighthouse scores for the list and an article of the release build (reports in target/lighthouse/).
lighthouse: build
	$(WITH_BROWSER) node tests/lighthouse.mjs

## The 215,770-article site for scale benchmarks: Reuters ten times, copy k dated k
## years later with distinct ids (a scale-up of real text; benchmarks only, never shipped).
scale-site:
	@if [ -f $(SHARED)/reuters21578/reuters21578.jsonl.gz ]; then \
	  DATELINE_IMPORT='$(REUTERS_IMPORT) --copies 10' trunk build --offline --release --public-url /dateline/ --dist target/bench/scale-site; \
	else echo "skipping the scale site: $(SHARED) is not here"; fi

## PNGs of the list and an article at 390 and 1280 px, light and dark, into docs/screenshots/.
screenshots: build
	node tests/server.mjs --dir dist --base $(PUBLIC_URL) --port 4174 > /dev/null & pid=$$!; \
	trap 'kill $$pid' EXIT; sleep 1; \
	$(WITH_BROWSER) SCREENSHOT_URL=http://127.0.0.1:4174$(PUBLIC_URL) node tests/screenshots.mjs

clean:
	cargo clean
	rm -rf dist tests/test-results
