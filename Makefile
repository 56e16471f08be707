# GuideQA: the two commands a fresh Debian machine with Swift needs.
#   make run   installs what is missing, builds in release mode, starts guideqa
#   make test  installs what is missing, runs the whole test suite
SHELL := /bin/bash
DEBIAN_PACKAGES := libedit-dev libstemmer-dev libsqlite3-dev pkg-config

.PHONY: run test deps build bench

deps:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing $(DEBIAN_PACKAGES) (needs root)"; \
	  apt-get update -qq && apt-get install -y -qq $(DEBIAN_PACKAGES); }

build: deps
	swift build -c release --product guideqa

run: build
	.build/release/guideqa

bench: deps
	bench/run.sh

test: deps
	swift build --product guideqa
	.build/debug/guideqa check Tests/Checks
	swift test --disable-xctest
