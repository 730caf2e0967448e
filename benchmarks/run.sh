#!/usr/bin/env bash
# Issue 8's benchmark suite on PostgreSQL (docs/benchmarks.md). As root:
#   bash benchmarks/run.sh [--scale full|small] [--only B2 | --only B1,B5]
# --only runs just the scenarios named (the data load always runs; without B3 the registry goes in by COPY, untimed).
# Starts a throwaway PostgreSQL cluster (as scripts/test.sh does) and the app in Release with Clock__Now inside a month's
# write window, runs B3 (registry import CSV/XLSX against COPY) and the bulk load of the rest of the data set, restarts the
# app (so B2's memory is its own), runs B1, B4, B5 and B2, prints the table and writes artifacts/benchmarks/results-<scale>.{json,md}.
# The key file (required outside Development on PostgreSQL) lives in the throwaway cluster's folder, created at first start.
# B3 imports ten files in a row (five samples of CSV and XLSX): the per-node import limit (6 a minute) is raised for it.
# The app runs with Telemetry__Prometheus=true and a scrape token of this run only: the harness reads /metrics around B2.
# Stops everything it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; cd "$ROOT"
SCALE=small; ONLY="B1,B2,B3,B4,B5"
while [[ $# -gt 0 ]]; do case "$1" in
  --scale) SCALE="$2"; shift 2 ;;
  --only) ONLY="$(echo "$2" | tr 'a-z' 'A-Z' | tr -d ' ')"; shift 2 ;;
  *) echo "unknown option $1" >&2; exit 2 ;;
esac; done
[[ "$ONLY" =~ ^B[1-5](,B[1-5])*$ ]] || { echo "--only takes scenario names like B2 or B1,B5" >&2; exit 2; }
PGPORT="${BENCH_PGPORT:-56433}"; APPPORT="${BENCH_APPPORT:-5098}"
NOW="2024-11-02T10:00:00+07:00"      # FY 2567's history is complete; 2024-10 (until the 6th) and 2024-11 are open
WRITABLE="2024-11,2024-10"
SCRAPE_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"   # this run's scrape token, never stored
command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGTMP=$(mktemp -d /tmp/pgbench.XXXXXX); chown postgres:postgres "$PGTMP"
OUT="$ROOT/artifacts/benchmarks"; mkdir -p "$OUT"; RESULTS="$OUT/results-$SCALE.json"; rm -f "$RESULTS"
APP_PID=""
stop_app() { if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
cleanup() {
  stop_app
  su postgres -c "$PGBIN/pg_ctl -D '$PGTMP/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
su postgres -c "$PGBIN/initdb -D '$PGTMP/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D '$PGTMP/data' -l '$PGTMP/log' -w -o \"-p $PGPORT -k '$PGTMP' -c listen_addresses=127.0.0.1 -c max_connections=300\" start" >/dev/null
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -c 'CREATE DATABASE otop_bench'" >/dev/null
CONN="Host=127.0.0.1;Port=$PGPORT;Database=otop_bench;Username=postgres${BENCH_CONN_EXTRA:-}"

dotnet build -c Release src/Otop.Web -v q -nologo >/dev/null
dotnet build -c Release benchmarks/Otop.Benchmarks -v q -nologo >/dev/null

start_app() {
  Database__Provider=Postgres ConnectionStrings__Default="$CONN" Seed__Demo=false Admin__Username=bench Admin__Password=Bench2566x \
    Clock__Now="$NOW" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Telemetry__Prometheus=true Telemetry__PrometheusToken="$SCRAPE_TOKEN" Keys__File="$PGTMP/otop.keys" \
    RateLimits__ImportsPerMinute=1000 \
    dotnet src/Otop.Web/bin/Release/net10.0/Otop.Web.dll --contentRoot "$ROOT/src/Otop.Web" --urls "http://127.0.0.1:$APPPORT" >>"$OUT/app-$SCALE.log" 2>&1 &
  APP_PID=$!
  # Up to 5 minutes: on a shared 2-core machine (load 50+) the start alone has taken more than 90 s.
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$APPPORT/healthz" >/dev/null && return 0; sleep 1; done
  echo "the app did not start"; tail -n 40 "$OUT/app-$SCALE.log"; exit 1
}
bench() {
  dotnet benchmarks/Otop.Benchmarks/bin/Release/net10.0/Otop.Benchmarks.dll --phase "$1" --scale "$SCALE" \
    --url "http://127.0.0.1:$APPPORT" --user bench --password Bench2566x --connection "$CONN" --app-pid "$APP_PID" \
    --results "$RESULTS" --writable "$WRITABLE" --only "$ONLY" --now "$NOW" --metrics-token "$SCRAPE_TOKEN" || { echo "--- app log"; tail -n 40 "$OUT/app-$SCALE.log"; exit 1; }
}
: >"$OUT/app-$SCALE.log"
echo "== $(date -u +%FT%TZ) scale $SCALE, load average before: $(cut -d' ' -f1-3 /proc/loadavg), scenarios $ONLY; $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; $(. /etc/os-release; echo "$PRETTY_NAME"); .NET $(dotnet --version); $("$PGBIN/postgres" --version)"
start_app
bench load
stop_app
start_app
bench measure
echo "results: $RESULTS and ${RESULTS%.json}.md"
