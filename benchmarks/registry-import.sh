#!/usr/bin/env bash
# Registry import benchmark: 250,000 product rows into a fresh PostgreSQL through the running app (docs/benchmarks.md).
#   bash benchmarks/registry-import.sh [rows]
# Starts a throwaway PostgreSQL cluster (as scripts/test.sh does), the app in Release on it, runs the client, prints the
# app's peak resident memory (VmHWM), and stops everything it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; cd "$ROOT"
ROWS="${1:-250000}"; PGPORT="${BENCH_PGPORT:-56432}"; APPPORT="${BENCH_APPPORT:-5099}"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGTMP=$(mktemp -d /tmp/pgbench.XXXXXX); chown postgres:postgres "$PGTMP"
APP_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  su postgres -c "$PGBIN/pg_ctl -D '$PGTMP/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT
su postgres -c "$PGBIN/initdb -D '$PGTMP/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D '$PGTMP/data' -l '$PGTMP/log' -w -o \"-p $PGPORT -k '$PGTMP' -c listen_addresses=127.0.0.1\" start" >/dev/null
su postgres -c "psql -h 127.0.0.1 -p $PGPORT -U postgres -c 'CREATE DATABASE otop_bench'" >/dev/null

dotnet build -c Release src/Otop.Web -v q -nologo >/dev/null
dotnet build -c Release benchmarks/Otop.Benchmarks -v q -nologo >/dev/null
Database__Provider=Postgres ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Database=otop_bench;Username=postgres" \
  Seed__Demo=false Admin__Username=bench Admin__Password=Bench2566x ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Otop.Web/bin/Release/net10.0/Otop.Web.dll --urls "http://127.0.0.1:$APPPORT" >"$PGTMP/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$APPPORT/healthz" >/dev/null && break; sleep 1; done

dotnet benchmarks/Otop.Benchmarks/bin/Release/net10.0/Otop.Benchmarks.dll "http://127.0.0.1:$APPPORT" bench Bench2566x "$ROWS" || { echo "--- app log"; tail -n 40 "$PGTMP/app.log"; exit 1; }
echo "app peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$APP_PID/status)"
