# Targets a fresh machine needs: Go (see go.mod) and make. Nothing else is
# required for these targets; they fetch Go modules themselves.
GO        ?= go
FUZZTIME  ?= 4s
SAMPLES   := $(shell find testdata -type f ! -name "README*" 2>/dev/null | sort)

.PHONY: all demo test vet fmt-check staticcheck unit race fuzz-smoke bench lambda otelcol bench-large bench-cli

all: test

## demo: normalize the bundled samples (types detected from their S3-style
## paths) into demo-out.ndjson; dead letters go to demo-dead-letters.ndjson.
demo:
	$(GO) run ./examples/siem normalize -o demo-out.ndjson --dlq demo-dead-letters.ndjson $(SAMPLES); \
	  code=$$?; \
	  echo "wrote demo-out.ndjson ($$(wc -l < demo-out.ndjson) documents) and demo-dead-letters.ndjson ($$(wc -l < demo-dead-letters.ndjson) dead letters; the samples hold deliberately broken records)"; \
	  test $$code -le 1

## test: everything CI runs: vet, formatting, staticcheck, all tests
## (integration tests against a real OpenSearch node and real S3- and
## SQS-compatible servers that this target starts and stops), the race
## detector over the core packages, the collector processor's own module
## (examples/otelcol), a short fuzz of every fuzz target.
## Needs java 17+, mvn and curl for the servers; without them use
## `go test ./...`, which skips the integration tests.
test: vet fmt-check staticcheck unit race otelcol fuzz-smoke

vet:
	$(GO) vet ./...

## staticcheck: the version pinned in go.mod's tool directive.
staticcheck:
	$(GO) tool staticcheck ./...

## race: the race detector over the packages every run goes through: the
## pipeline, framings, envelopes, the event builder, sinks, the test kit.
RACE_PKGS := . ./parser/... ./envelope/... ./ecs ./sink ./siemtest ./enrich
race:
	$(GO) test -race -count=1 $(RACE_PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

unit:
	@status=0; \
	  $(MAKE) opensearch-start && $(MAKE) aws-servers-start || status=$$?; \
	  if [ $$status -eq 0 ]; then \
	    SIEM_OPENSEARCH_URL=http://127.0.0.1:$(OPENSEARCH_PORT) \
	    SIEM_S3_URL=http://127.0.0.1:$(SIEM_S3_PORT) \
	    SIEM_SQS_URL=http://127.0.0.1:$(SIEM_SQS_PORT) \
	      $(GO) test -count=1 ./... || status=$$?; \
	  fi; \
	  $(MAKE) aws-servers-stop || true; \
	  $(MAKE) opensearch-stop || true; \
	  exit $$status

## fuzz-smoke: run every FuzzXxx target for $(FUZZTIME). A real failure
## writes its input under testdata/fuzz and fails the target.
fuzz-smoke:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for fn in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$fn"; \
	    if ! $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x $$pkg > /tmp/siem-fuzz.log 2>&1; then \
	      if grep -q 'context deadline exceeded' /tmp/siem-fuzz.log && ! grep -q 'Failing input written' /tmp/siem-fuzz.log; then \
	        echo "  (the fuzzer's time ran out while it was minimizing a new input: a known go test -fuzz quirk, not a failure)"; \
	      else cat /tmp/siem-fuzz.log; exit 1; fi; \
	    fi; \
	  done; \
	done

## lambda: the reference Lambda function (examples/lambda) as bootstrap
## zips for the provided.al2023 runtime: build/lambda/siem-lambda-arm64.zip
## and build/lambda/siem-lambda-amd64.zip.
lambda:
	@set -e; for arch in arm64 amd64; do \
	  dir=build/lambda/$$arch; mkdir -p $$dir; \
	  CGO_ENABLED=0 GOOS=linux GOARCH=$$arch $(GO) build -tags lambda.norpc -trimpath -ldflags=-s -o $$dir/bootstrap ./examples/lambda; \
	  rm -f build/lambda/siem-lambda-$$arch.zip; \
	  (cd $$dir && python3 -m zipfile -c ../siem-lambda-$$arch.zip bootstrap); \
	  echo "wrote build/lambda/siem-lambda-$$arch.zip"; \
	done

## otelcol: vet and test the OpenTelemetry Collector processor, which is
## its own module (examples/otelcol) so that the SDK's dependencies do not
## grow by the collector's.
otelcol:
	cd examples/otelcol && $(GO) vet ./... && $(GO) test -count=1 ./... && \
	  for fn in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' siemprocessor/*_test.go | sed 's/^func //'); do \
	    echo "fuzz examples/otelcol/siemprocessor $$fn"; \
	    $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./siemprocessor || exit 1; \
	  done

## bench: the end-to-end benchmarks, one core, as recorded in BENCHMARKS.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 -benchtime 2s ./logtypes/all/

## bench-large: peak resident memory and rate of `siem normalize` on one
## object of $(LARGE_MB) MiB per type, streamed from the sample generator
## (nothing stored), one core and all cores. LARGE_TYPES defaults to every
## kind the generator can grow (`samplegen -list`).
LARGE_MB    ?= 1024
LARGE_TYPES ?=

bench-large:
	@$(GO) build -o build/bench/samplegen ./internal/samplegen/cmd/samplegen && $(GO) build -o build/bench/siem ./examples/siem
	@printf '%-16s %6s %12s %12s %10s\n' type cores records records/s 'peak RSS'
	@types="$(LARGE_TYPES)"; for t in $${types:-$$(build/bench/samplegen -list)}; do for procs in 1 2; do \
	  build/bench/samplegen -type $$t -mb $(LARGE_MB) | \
	    GOMAXPROCS=$$procs /usr/bin/time -f '%e %M' -o build/bench/time.txt build/bench/siem normalize --type $$(build/bench/samplegen -type $$t -logtype) -o /dev/null - 2> build/bench/summary.txt; \
	  recs=$$(sed -n 's/.*read \([0-9]*\),.*/\1/p' build/bench/summary.txt); \
	  read secs kb < build/bench/time.txt; \
	  printf '%-16s %6s %12s %12.0f %7d MiB\n' $$t $$procs $$recs $$(echo "$$recs / $$secs" | bc -l) $$((kb / 1024)); \
	done; done

## bench-cli: siem normalize, process start included, writing to
## /dev/null and to a file (synced when the run ends), against the
## in-process pipeline (BenchmarkObjectFile) on the same gzip object of
## $(CLI_MB) MiB per type, on one core.
CLI_MB    ?= 512
CLI_TYPES ?= cloudtrail vpcflow alb

bench-cli:
	@mkdir -p build/bench && $(GO) build -o build/bench/samplegen ./internal/samplegen/cmd/samplegen && \
	  $(GO) build -o build/bench/siem ./examples/siem && $(GO) test -c -o build/bench/all.test ./logtypes/all
	@printf '%-12s %10s %12s %14s %14s %12s %12s\n' type records in-process 'siem -o null' ratio 'siem -o file' ratio
	@for t in $(CLI_TYPES); do \
	  build/bench/samplegen -type $$t -mb $(CLI_MB) | gzip -1 > build/bench/$$t.gz; \
	  inproc=$$(cd logtypes/all && SIEM_BENCH_OBJECT=$(CURDIR)/build/bench/$$t.gz SIEM_BENCH_TYPE=$$t ../../build/bench/all.test -test.run '^$$' -test.bench 'BenchmarkObjectFile$$' -test.benchtime 1x -test.cpu 1 | awk '/^BenchmarkObjectFile/{print $$(NF-1)}'); \
	  line="$$t"; \
	  for out in /dev/null build/bench/out.ndjson; do \
	    GOMAXPROCS=1 /usr/bin/time -f '%e' -o build/bench/time.txt build/bench/siem normalize --type $$t -o $$out build/bench/$$t.gz 2> build/bench/summary.txt; \
	    recs=$$(sed -n 's/.*read \([0-9]*\),.*/\1/p' build/bench/summary.txt); secs=$$(cat build/bench/time.txt); \
	    cli=$$(echo "$$recs / $$secs" | bc -l); \
	    line="$$line $$(printf '%14.0f %12.2f' $$cli $$(echo "$$cli / $$inproc" | bc -l))"; \
	    rm -f build/bench/out.ndjson; \
	  done; \
	  printf '%-12s %10s %12.0f %s\n' $$t $$recs $$inproc "$$line" | sed 's/^\([^ ]* *[^ ]* *[^ ]*\) [^ ]*/\1/'; \
	  rm -f build/bench/$$t.gz; \
	done

## opensearch-start / opensearch-stop: a real single-node OpenSearch 2.19 on
## 127.0.0.1:$(OPENSEARCH_PORT) for integration tests, built from Maven Central
## jars (needs java 17 and mvn; see opensearch/README.md). Both are idempotent.
## opensearch-smoke: checks a running node has what the SDK's tests rely on.
OPENSEARCH_PORT ?= 9200

.PHONY: opensearch-start opensearch-stop opensearch-smoke

opensearch-start:
	OPENSEARCH_PORT=$(OPENSEARCH_PORT) bash opensearch/start.sh

opensearch-stop:
	OPENSEARCH_PORT=$(OPENSEARCH_PORT) bash opensearch/stop.sh

opensearch-smoke:
	OPENSEARCH_PORT=$(OPENSEARCH_PORT) bash opensearch/smoke.sh

## aws-servers-start / aws-servers-stop: S3 (versitygw) on
## 127.0.0.1:$(SIEM_S3_PORT) and SQS (ElasticMQ) on 127.0.0.1:$(SIEM_SQS_PORT)
## for integration tests (needs go, java 17, mvn and curl; see
## awsservers/README.md). Both are idempotent.
SIEM_S3_PORT  ?= 7070
SIEM_SQS_PORT ?= 9324

.PHONY: aws-servers-start aws-servers-stop

aws-servers-start:
	SIEM_S3_PORT=$(SIEM_S3_PORT) SIEM_SQS_PORT=$(SIEM_SQS_PORT) bash awsservers/start.sh

aws-servers-stop:
	SIEM_S3_PORT=$(SIEM_S3_PORT) SIEM_SQS_PORT=$(SIEM_SQS_PORT) bash awsservers/stop.sh
