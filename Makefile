# The two commands of the README: `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then configure and build.
BUILD ?= build
PRESET_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all deps configure build demo test asan fuzz bench clean

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

# The test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	@scripts/install-deps.sh
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDECARBFUND_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# libFuzzer on the CSV and scenario readers (clang); FUZZ_SECONDS per target, seeded from data/.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps.sh
	@command -v clang++ >/dev/null || { echo "make fuzz needs clang: apt-get install clang libclang-rt-14-dev" >&2; exit 1; }
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
	  -DDECARBFUND_FUZZ=ON -DDECARBFUND_TESTS=OFF -DDECARBFUND_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target csv_fuzz scenario_fuzz
	mkdir -p fuzz/corpus-csv fuzz/corpus-scenario
	for f in data/nl/*.csv data/nl/additions/*.csv tests/fixtures/tiny/*.csv; do \
	  head -c 4096 $$f > fuzz/corpus-csv/$$(echo $$f | tr / _); done
	for f in scenarios/*.yaml; do cp $$f fuzz/corpus-scenario/$$(basename $$f); done
	build-fuzz/fuzz/csv_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 fuzz/corpus-csv
	build-fuzz/fuzz/scenario_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 fuzz/corpus-scenario

bench: build
	$(BUILD)/bench/decarbfund_bench

clean:
	rm -rf $(BUILD) build-asan build-fuzz
