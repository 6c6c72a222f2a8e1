#!/usr/bin/env bash
# Identity benchmark: boots the real gateway and the real wallet in one JVM over a fresh database,
# registers users, measures password logins per second over HTTP (bound by the Argon2id KDF) and
# access-token validations per second on one thread, interleaved, through Spring Security's Nimbus
# decoder as the gateway configures it, the old hand-written decoder, and the gateway's own bean
# (Nimbus plus the deny-list read). Writes bench/results/identity-bench.txt and prints its RESULT:
#   RESULT login_per_s=<x> kdf=<desc> token_validations_per_s=<nimbus>
#          handwritten_validations_per_s=<y> gateway_bean_validations_per_s=<z>
# Needs the PostgreSQL that .ci/ensure-postgres.sh sets up (role croupier may create databases).
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_USERS (40), BENCH_CLIENTS (4), BENCH_LOGIN_S (20), BENCH_VALIDATE_S (10, per run; 3 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

# The gateway is an app, which bench may not link against: build it and put it on the class path.
build_bench_with_apps api-gateway gateway-classpath.txt

find_java

db=croupier_identity_bench
psql -q -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
trap 'psql -q -d postgres -c "drop database if exists '$db' with (force)" || true' EXIT

mkdir -p bench/results
# api-gateway's classes come first, so its application.yml is the one Spring Boot reads.
"$java_bin" -Xmx2g \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.users="${BENCH_USERS:-40}" -Dbench.clients="${BENCH_CLIENTS:-4}" \
  -Dbench.login.s="${BENCH_LOGIN_S:-20}" -Dbench.validate.s="${BENCH_VALIDATE_S:-10}" \
  -Dbench.out=bench/results/identity-bench.txt \
  -cp "api-gateway/target/classes:bench/target/classes:$(cat api-gateway/target/gateway-classpath.txt):$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.identity.IdentityBench > bench/target/identity-bench.log 2>&1 \
  || { tail -50 bench/target/identity-bench.log >&2; exit 1; }
grep '^RESULT' bench/results/identity-bench.txt
