# A thin wrapper: everything real lives in meson.build and build-aux/.
BUILD ?= build

.PHONY: all deps build run test screenshots bench clean

all: build

deps:
	@build-aux/install-deps.sh

$(BUILD)/build.ninja: | deps
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	meson devenv -C $(BUILD) app/bounce-doctor

test: build
	build-aux/run-tests.sh $(BUILD)

screenshots: build
	build-aux/screenshots.sh $(BUILD) data/screenshots

# Not a test: a 1 GB mbox in /tmp, the CLI timed beside grep (SIZE=64M for a quick run).
SIZE ?= 1G
bench: build
	build-aux/bench-mailbox.py --build $(BUILD) --size $(SIZE)

clean:
	rm -rf $(BUILD)
