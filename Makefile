# Builds the lambda-filter CLI with the Swift runtime linked in (it runs on a Linux machine
# without the Swift toolchain) and installs it with its man page and shell completions.
#
#   make install PREFIX=$HOME/.local     # bin/, share/man/man1/, bash/zsh/fish completions
#   make uninstall PREFIX=$HOME/.local
#   make stage                           # the same tree under .build-static/stage, for scripts/release.sh
#
# DESTDIR is honoured for packagers. The static build lives in its own scratch folder so it does
# not throw away the ordinary `swift build` products.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
SCRATCH ?= .build-static

BUILT := $(SCRATCH)/release/lambda-filter
GENERATED := $(SCRATCH)/generated
# `swift package generate-manual` (swift-argument-parser's plugin) writes here; a debug build of
# the tool is enough to read its help, and is what `swift build` already made.
MANUAL_OUTPUT := .build/plugins/GenerateManual/outputs/lambda-filter/lambda-filter.1

BINDIR := $(DESTDIR)$(PREFIX)/bin
MAN1DIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: all build man completions install uninstall stage docs clean

all: build man completions

build:
	$(SWIFT) build -c release --product lambda-filter --static-swift-stdlib --scratch-path $(SCRATCH)

man: $(GENERATED)/lambda-filter.1

$(GENERATED)/lambda-filter.1: build
	$(SWIFT) package generate-manual --configuration debug
	@mkdir -p $(GENERATED)
	@# mdoc wants paragraph breaks, not empty lines (man -l warns on each).
	sed 's/^$$/.Pp/' $(MANUAL_OUTPUT) > $@

completions: build
	@mkdir -p $(GENERATED)
	$(BUILT) --generate-completion-script bash > $(GENERATED)/lambda-filter.bash
	$(BUILT) --generate-completion-script zsh > $(GENERATED)/_lambda-filter
	$(BUILT) --generate-completion-script fish > $(GENERATED)/lambda-filter.fish

install: build man completions
	install -d $(BINDIR) $(MAN1DIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BUILT) $(BINDIR)/lambda-filter
	install -m 644 $(GENERATED)/lambda-filter.1 $(MAN1DIR)/lambda-filter.1
	install -m 644 $(GENERATED)/lambda-filter.bash $(BASHDIR)/lambda-filter
	install -m 644 $(GENERATED)/_lambda-filter $(ZSHDIR)/_lambda-filter
	install -m 644 $(GENERATED)/lambda-filter.fish $(FISHDIR)/lambda-filter.fish

uninstall:
	rm -f $(BINDIR)/lambda-filter $(MAN1DIR)/lambda-filter.1 $(BASHDIR)/lambda-filter \
		$(ZSHDIR)/_lambda-filter $(FISHDIR)/lambda-filter.fish

stage:
	rm -rf $(SCRATCH)/stage
	$(MAKE) install PREFIX= DESTDIR=$(abspath $(SCRATCH))/stage

# DocC archives of the three libraries, in .build/plugins/Swift-DocC/outputs/.
docs:
	$(SWIFT) package generate-documentation --target LambdaFilter --target LambdaFilterSources --target LambdaFilterCriteria

clean:
	rm -rf $(SCRATCH)
