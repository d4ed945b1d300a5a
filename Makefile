# Dateline. `make serve` and `make test` are all a fresh machine needs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# Where the built site will live: "/" for a domain root, "/<repo>/" for GitHub Pages.
PUBLIC_URL ?= /dateline/
# The pages the bundle is built from (a .txt page or a directory of them).
CONTENT ?= content
export DATELINE_CONTENT := $(abspath $(CONTENT))


.PHONY: setup serve build test test-native test-e2e screenshots clean

setup:
	@bash .ci/setup

## Install what is missing, then serve the app at http://127.0.0.1:8080 (rebuilds on change).
serve: setup
	trunk serve --offline

## The release site in dist/, for PUBLIC_URL.
build: setup
	trunk build --offline --release --public-url $(PUBLIC_URL)

## Every test: native logic, then the release build in headless Chromium.
test: setup test-native test-e2e

test-native:
	cargo test --features importer

test-e2e:
	trunk build --offline --release --public-url /dateline/
	trunk build --offline --release --public-url / --dist target/e2e-root
	cd tests && playwright test

## PNGs of the list and an article at 390 and 1280 px, light and dark, into docs/screenshots/.
screenshots: build
	node tests/server.mjs --dir dist --base $(PUBLIC_URL) --port 4174 > /dev/null & pid=$$!; \
	trap 'kill $$pid' EXIT; sleep 1; \
	SCREENSHOT_URL=http://127.0.0.1:4174$(PUBLIC_URL) node tests/screenshots.mjs

clean:
	cargo clean
	rm -rf dist tests/test-results
