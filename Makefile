# A thin wrapper: everything real lives in meson.build and build-aux/.
BUILD ?= build

.PHONY: all deps build run test screenshots clean

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

clean:
	rm -rf $(BUILD)
