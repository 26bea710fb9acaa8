# A thin wrapper: everything real lives in meson.build and build-aux/.
BUILD ?= build

.PHONY: all deps build run test fuzz valgrind screenshots bench bench-decode clean

all: build

deps:
	@build-aux/install-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	meson devenv -C $(BUILD) app/bounce-doctor

# Also the ASan/UBSan build (ASAN_BUILD) and, with clang, each fuzz target
# for CI_FUZZ_SECONDS: see build-aux/run-tests.sh.
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
CI_FUZZ_SECONDS ?= 10
test: build
	BD_ASAN_BUILD=$(ASAN_BUILD) BD_FUZZ_BUILD=$(FUZZ_BUILD) BD_CI_FUZZ_SECONDS=$(CI_FUZZ_SECONDS) \
	  build-aux/run-tests.sh $(BUILD)

# Each libFuzzer target for FUZZ_SECONDS, two at a time (clang).
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2
fuzz: deps
	build-aux/fuzz.sh -b $(FUZZ_BUILD) -s $(FUZZ_SECONDS) -j $(FUZZ_JOBS) $(TARGETS)

# valgrind --leak-check=full on the CLI over every fixture (not in CI: slow).
valgrind: build
	build-aux/valgrind-cli.sh $(BUILD)

screenshots: build
	build-aux/screenshots.sh $(BUILD) data/screenshots

# Not a test: a 1 GB mbox in /tmp, the CLI timed beside grep (SIZE=64M for a quick run).
SIZE ?= 1G
bench: build
	build-aux/bench-mailbox.py --build $(BUILD) --size $(SIZE)

# Not a test: ../shared's bounces copied COPIES times, the CLI (one thread,
# all threads) timed beside Perl Sisimai; PHRASES_X=1 adds a run with the
# phrase table doubled by never-matching phrases (a -Dbench_phrases build).
COPIES ?= 20
PHRASES_X ?= 0
bench-decode: build
	build-aux/bench-decode.py --build $(BUILD) --copies $(COPIES) --phrases-x $(PHRASES_X)

clean:
	rm -rf $(BUILD)
