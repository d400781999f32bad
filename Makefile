# Strata: one-machine runtime and build entry points. `make` alone prints this help.
STRATA_HOME ?= /var/lib/strata
export STRATA_HOME

MVN   ?= mvn
LOCAL := deploy/local/strata-local.sh
NAME  ?=
BENCH_ROWS ?= 10000000
STAGE_ROWS ?= 1000000
INGEST_SCALE ?= 70
PROVISION_SCALES ?= 70 700
# The engines bench-provision measures (postgresql, mariadb) and the MariaDB source's rows (~250 bytes each: ~1 GB).
PROVISION_ENGINES ?= postgresql mariadb
MARIADB_ROWS ?= 4000000
SHAPES_SCALE ?= 70

.DEFAULT_GOAL := help
.PHONY: help install infra up down status logs build test kube-apiserver demo clean crds manifests bench-startup bench-storage bench-ingest bench-provision bench-provision-shapes bench-masking bench-masking-stages bench-selfservice bench-kubernetes bench-cli bench-pipeline

help: ## Show this help
	@echo "Strata — make targets (STRATA_HOME=$(STRATA_HOME)):"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "Ports: router 8080, ingest 8081, snapshot 8082, masking 8083, provisioning 8084, catalog 8085,"
	@echo "       PostgreSQL 5433 (STRATA_PG_PORT), Kafka 9092 (STRATA_KAFKA_PORT)."

install: ## Install missing Debian packages and the Kafka broker jars
	@$(LOCAL) install

infra: ## install + start Strata's PostgreSQL cluster and the Kafka broker
	@$(LOCAL) infra

up: ## infra + build (when stale), deploy and start all services; waits until ready
	@$(LOCAL) up

down: ## Stop the services, Kafka and PostgreSQL started by up/infra; lists the database engines left running (ENGINES=1 stops them too)
	@$(LOCAL) down

status: ## One line per component; exit 3 unless all healthy
	@$(LOCAL) status

logs: ## Tail the logs (make logs NAME=router)
	@$(LOCAL) logs $(NAME)

build: ## mvn package, no tests
	$(MVN) -B -DskipTests package

test: ## up (and kube-apiserver once), then mvn verify against the running runtime
	$(LOCAL) up
	$(LOCAL) kube
	env -u STRATA_HOME $(MVN) -B verify -Dtest.strata.home=$(STRATA_HOME)

kube-apiserver: ## Build kube-apiserver for tests once per machine (~20 min on 2 cores); a no-op once built
	@$(LOCAL) kube

demo: up ## up, then the demo/smoke script through the router
	@deploy/local/demo.sh

bench-startup: ## Time from up to ready (all at once and one by one) and idle RSS; see docs/benchmarks.md
	@bench/startup.sh

bench-storage: ## Snapshot/clone vs full copy at 1 and 10 GB, 500 clones, space of 20 rewritten clones
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.StorageBench -Dtest.strata.home=$(STRATA_HOME)

bench-ingest: ## Link of a pgbench -s INGEST_SCALE (70) source and a clinic; syncs after each kind of change, per step; lag
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.IngestBench -Dtest.strata.home=$(STRATA_HOME) "-Dexec.args=$(INGEST_SCALE)"

bench-provision: ## VDB ready time alone, 5 and 10 at once (p50, steps) vs a full copy, PROVISION_SCALES (1 and 10 GB); MariaDB 1 GB (PROVISION_ENGINES)
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(if $(filter postgresql,$(PROVISION_ENGINES)),$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.ProvisionBench -Dtest.strata.home=$(STRATA_HOME) "-Dexec.args=$(PROVISION_SCALES)")
	$(if $(filter mariadb,$(PROVISION_ENGINES)),$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.MariaDbProvisionBench -Dtest.strata.home=$(STRATA_HOME) "-Dexec.args=$(MARIADB_ROWS)")

bench-provision-shapes: ## 5 and 10 VDBs at once: log sync or not, through the router until RUNNING or to the service by job (SHAPES_SCALE, 70)
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.ProvisionShapesBench -Dtest.strata.home=$(STRATA_HOME) "-Dexec.args=$(SHAPES_SCALE) 3"

bench-masking: ## Mask 10M rows (BENCH_ROWS): 5 columns, index, foreign key, vs one SQL UPDATE with md5(); subset 10%; profile 1 GB
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.MaskingBench -Dtest.strata.home=$(STRATA_HOME) -Dbench.rows=$(BENCH_ROWS)
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.ProfilingBench -Dtest.strata.home=$(STRATA_HOME)

bench-masking-stages: ## Where masking's JVM CPU goes per row (STAGE_ROWS, 1M): decode, each masker, leak record, encode
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.MaskingStagesBench -Dtest.strata.home=$(STRATA_HOME) -Dbench.rows=$(STAGE_ROWS)

bench-selfservice: ## A data pod of 3 VDBs of ~1 GB: bookmark, reset, undo, restore vs pg_dump + pg_restore of the same data
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.SelfServiceBench -Dtest.strata.home=$(STRATA_HOME)

bench-kubernetes: ## kubectl apply of a VirtualDatabase (1 GB source) until Ready, and of one in a pod until Provisioned, p50 of 10, vs POST /vdbs (real API server)
	$(MVN) -B -q -DskipTests install -pl bench -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.KubernetesBench -Dtest.strata.home=$(STRATA_HOME)

bench-cli: ## Wall time of `strata vdb list` (the launcher) against running services, with and without its class-data archive
	$(MVN) -B -q -DskipTests install -pl bench,cli -am
	$(MVN) -B -q -pl bench exec:java -Dexec.mainClass=io.strata.bench.CliBench -Dtest.strata.home=$(STRATA_HOME)

bench-pipeline: up ## The Data Pipeline on a 1 GB clinic database (the demo at PIPELINE_PATIENTS, twice), against one pg_dump | pg_restore copy
	@bench/pipeline.sh

crds: ## Regenerate the CRDs from kubernetes-api's classes into deploy/kubernetes/00-crds and charts/strata/crds
	$(MVN) -B -q -DskipTests package -pl kubernetes-api
	@for dir in deploy/kubernetes/00-crds charts/strata/crds; do \
	  mkdir -p $$dir && rm -f $$dir/*.yaml; \
	  for file in kubernetes-api/target/classes/META-INF/fabric8/*.strata.io-v1.yml; do \
	    cp $$file $$dir/$$(basename $$file .strata.io-v1.yml).yaml; \
	  done; \
	done; ls deploy/kubernetes/00-crds

manifests: ## Render deploy/kubernetes (all but 00-crds) from charts/strata with its defaults, through helm-java
	$(MVN) -B -q -DskipTests install -pl charts -am
	$(MVN) -B -q -pl charts test-compile exec:java

clean: ## mvn clean (leaves STRATA_HOME and running processes alone)
	$(MVN) -B -q clean
