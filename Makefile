# vdhv — the two commands that matter: `make demo` and `make test`.
GO        ?= go
BIN       := bin/vdhv
EXAMPLE   := examples/khoi-dn
OUT       := out
FUZZTIME  ?= 30s
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/vdhv/vdhv/pkg/cmd/root.Version=$(VERSION)
# Reproducible outputs: a fixed date for the demo's documents.
export SOURCE_DATE_EPOCH ?= 1754352000

.PHONY: build test demo bench fuzz lint clean dist

# CGO_ENABLED=0: a static binary. With cgo (only net's DNS resolver would use it; vdhv never
# resolves names) the program is dynamically linked, and loading libc and creating threads
# through it cost every run 2–4 ms of CPU (of ~25 ms for vdhv help). dist builds the same way.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/vdhv

## test: every unit, golden, property and script test (what CI runs).
test: lint
	$(GO) test -count=1 ./...

## demo: validate, aggregate and report on the bundled example; results in out/.
demo: build
	@mkdir -p $(OUT)
	@echo "== vdhv validate (examples/loi: deliberately broken files, errors expected)"
	-./$(BIN) validate --units $(EXAMPLE)/units.yaml examples/loi
	@echo "== vdhv validate $(EXAMPLE)/submissions"
	-./$(BIN) -C $(EXAMPLE) validate
	@if ./$(BIN) help status >/dev/null 2>&1; then echo "== vdhv status"; ./$(BIN) -C $(EXAMPLE) status --period 2025-H1 || true; fi
	@if ./$(BIN) help aggregate >/dev/null 2>&1; then echo "== vdhv aggregate"; ./$(BIN) -C $(EXAMPLE) aggregate --period 2025-H1 -o $(OUT); fi
	@if ./$(BIN) help report >/dev/null 2>&1; then echo "== vdhv report"; ./$(BIN) -C $(EXAMPLE) report --period 2025-H1 -o $(OUT); fi
	@ls -l $(OUT)

## bench: the performance goals, measured: generates the workspaces once (cached in .bench/),
## runs the Go benchmarks of the hot path, times the commands as whole processes (median of
## BENCH_RUNS) against the floor, and writes BENCHMARKS.md. About 10 minutes on 2 idle cores.
BENCH_RUNS ?= 3
BENCH_PKGS := ./pkg/xlsxread ./pkg/form ./pkg/aggregate ./pkg/workspace ./pkg/engine
bench: build
	@mkdir -p .bench
	$(GO) build -o .bench/vdhv-bench ./cmd/vdhv-bench
	./.bench/vdhv-bench -prepare -dir .bench
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 300ms $(BENCH_PKGS) > .bench/gobench.txt; \
	  st=$$?; cat .bench/gobench.txt; exit $$st
	./.bench/vdhv-bench -vdhv $(BIN) -dir .bench -runs $(BENCH_RUNS) -gobench .bench/gobench.txt -o BENCHMARKS.md

## fuzz: run every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## dist: release binaries for Windows, macOS and Linux with SHA-256 checksums in dist/.
PLATFORMS := windows/amd64 darwin/arm64 darwin/amd64 linux/amd64 linux/arm64
dist:
	@rm -rf dist && mkdir -p dist
	@for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=dist/vdhv-$(VERSION)-$$os-$$arch$$ext; echo "== $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $$out ./cmd/vdhv || exit 1; \
	done
	@cd dist && sha256sum vdhv-* > SHA256SUMS && cat SHA256SUMS

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin $(OUT) dist
