# The two commands of the README: `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then configure and build.
# `make build` also builds the Python package into $(BUILD)/python (docs/python.md);
# `make install PREFIX=…` installs the binary, the package and the dataset.
BUILD ?= build
PRESET_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
JOBS ?= $(shell nproc)
PREFIX ?= /usr/local

.PHONY: all deps configure build demo test install asan fuzz fuzz-smoke bench clean doc-examples

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja $(PRESET_FLAGS)

configure: $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded dataset: check the data, then the 2030 outlook on today's policy
# (Belastingplan 2026) with its JSON and HTML reports.
demo: build
	$(BUILD)/decarbfund validate data/nl
	@echo
	$(BUILD)/decarbfund outlook --data data/nl --scenario scenarios/belastingplan-2026.yaml \
	  --json $(BUILD)/outlook.json --html $(BUILD)/outlook.html
	@echo
	$(BUILD)/decarbfund montecarlo --data data/nl --scenario scenarios/belastingplan-2026.yaml \
	  --draws 2000 --json $(BUILD)/montecarlo.json --html $(BUILD)/montecarlo.html

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Runs from anywhere (issue 19): PREFIX/bin/decarbfund, PREFIX/share/decarbfund (dataset,
# scenarios, examples) and the Python package in PREFIX/lib/python3.X/dist-packages, which
# Debian's /usr/bin/python3 searches for PREFIX=/usr/local (else set PYTHONPATH to it).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	@scripts/install-deps.sh
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDECARBFUND_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# libFuzzer on every reader of untrusted text (fuzz/; clang, build-fuzz/): FUZZ_SECONDS per
# target, seeded from fuzz/corpus/. fuzz-smoke is the short run CI makes after the tests.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps.sh
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz-smoke:
	@scripts/install-deps.sh
	scripts/fuzz.sh 5

# Rewrites every example output in README.md and docs/*.md with what the program prints now
# (tests/docs/doc_examples_test.cpp checks them in `make test`), and docs/python.md's cell outputs
# and figures (tests/python/test_docs_python.py); review the diff.
doc-examples: build
	cd $(BUILD) && DECARBFUND_UPDATE_DOCS=1 ctest -L docs --output-on-failure

bench: build
	$(BUILD)/bench/decarbfund_bench

clean:
	rm -rf $(BUILD) build-asan build-fuzz
