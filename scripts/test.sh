#!/usr/bin/env bash
# Otop test runner: builds the solution once, runs every test suite and prints
# a final `N passed, N failed, N skipped` line (always the last line of output).
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh 'FullyQualifiedName~Thai'   # passed to every `dotnet test --filter`
#
# Environment:
#   CI=true          a suite skipped for a missing dependency (PostgreSQL, Chromium) counts as failed
#   OTOP_REPO_ROOT   run against another checkout (scripts/test-selftest.sh uses it to test this script)
#   OTOP_TEST_HANG_TIMEOUT  a test running longer than this kills its test host (default 5m): a deadlock fails in
#                    minutes instead of holding the run; the tests it did not finish count as failed
#
# A test host that crashes or is killed leaves a trx without the tests it had not finished: such an aborted run counts
# "tests discovered - passed - skipped by attribute" as failed, never as skipped.
set -uo pipefail

ROOT="${OTOP_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$ROOT" || { echo "test.sh: cannot cd to $ROOT" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

FILTER="${1:-}"
SOLUTION="Otop.slnx"
RESULTS_DIR="$ROOT/artifacts/test-results"
SCREENSHOTS_DIR="$ROOT/artifacts/screenshots"
CHROMIUM="${OTOP_BROWSER:-/usr/bin/chromium}"
IS_CI=false
[[ "${CI:-}" == "true" || "${CI:-}" == "1" ]] && IS_CI=true

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PASSED=0 FAILED=0 SKIPPED=0
SUMMARY_LINES=()

note() { echo "==> $*"; }
summary_line() { echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; }

# ---------------------------------------------------------------- cleanup
PGBIN="" PGTMP="" PGPORT="" PG_OK=false PG_RUNNING=false
stop_pg() {
  if [[ "$PG_RUNNING" == true && -n "$PGBIN" && -n "$PGTMP" ]]; then
    if [[ $EUID -eq 0 ]]; then
      (cd / && su postgres -c "$PGBIN/pg_ctl -D '$PGTMP/data' -m fast -w stop") >/dev/null 2>&1
    else
      "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1
    fi
    PG_RUNNING=false
  fi
  if [[ -n "$PGTMP" && -d "$PGTMP" ]]; then
    rm -rf "$PGTMP"
  fi
  PGTMP=""
}
trap stop_pg EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT
trap 'echo "test.sh: terminated" >&2; exit 143' TERM HUP

# ---------------------------------------------------------------- 1. setup
have_pg()       { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [[ -x "$CHROMIUM" ]]; }
have_thaifont() { command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -i -e laksaman -e garuda >/dev/null; }
have_poppler()  { command -v pdftoppm >/dev/null; }

MISSING=()
have_pg       || MISSING+=(postgresql)
have_chromium || MISSING+=(chromium)
have_thaifont || MISSING+=(fonts-thai-tlwg-ttf)
have_poppler  || MISSING+=(poppler-utils)

if ((${#MISSING[@]})); then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    note "installing missing packages: ${MISSING[*]}"
    if apt-get -o DPkg::Lock::Timeout=300 update -qq &&
       DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
         --no-install-recommends "${MISSING[@]}"; then
      note "packages installed"
    else
      note "WARNING: apt-get install failed; suites needing ${MISSING[*]} may be skipped"
    fi
  else
    note "NOTE: missing ${MISSING[*]} and not root (or no apt-get): cannot install them;" \
         "suites that need them will be skipped. As root: apt-get install --no-install-recommends ${MISSING[*]}"
  fi
fi

# ---------------------------------------------------------------- test projects
suite_project() {   # prints the .csproj of a test project directory, or nothing
  local dir="$1" f
  [[ -d "$dir" ]] || return 0
  for f in "$dir"/*.csproj; do [[ -f "$f" ]] && { echo "$f"; return 0; }; done
}
DOMAIN_PROJ=$(suite_project tests/Otop.Domain.Tests)
WEB_PROJ=$(suite_project tests/Otop.Web.Tests)
BROWSER_PROJ=$(suite_project tests/Otop.Browser.Tests)

if [[ ! -f "$SOLUTION" ]]; then
  echo "test.sh: $ROOT/$SOLUTION not found" >&2
  FAILED=1; summary_line; exit 1
fi

# ---------------------------------------------------------------- 2. PostgreSQL
port_free() {
  local p="$1"
  if command -v ss >/dev/null; then
    ! ss -ltnH 2>/dev/null | awk '{print $4}' | grep -E "[:.]$p\$" >/dev/null
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}
pick_port() {
  local p
  for ((p = $1; p < $1 + 200; p++)); do port_free "$p" && { echo "$p"; return 0; }; done
  return 1
}
start_pg() {
  have_pg || { note "PostgreSQL is not installed"; return 1; }
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGTMP=$(mktemp -d /tmp/pgci.XXXXXX) || return 1
  local as_pg=()
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { note "no 'postgres' user"; return 1; }
    chown postgres:postgres "$PGTMP"
  fi
  run_pg() {   # run a command string as the postgres user (root) or as ourselves
    if [[ $EUID -eq 0 ]]; then (cd / && su postgres -c "$1"); else bash -c "$1"; fi
  }
  if ! run_pg "$PGBIN/initdb -D '$PGTMP/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$PGTMP/initdb.log" 2>&1; then
    note "initdb failed:"; tail -n 20 "$PGTMP/initdb.log"; return 1
  fi
  local attempt port=55432
  for attempt in 1 2 3; do
    port=$(pick_port "$port") || { note "no free port for PostgreSQL"; return 1; }
    if run_pg "$PGBIN/pg_ctl -D '$PGTMP/data' -l '$PGTMP/log' -w -t 60 -o \"-p $port -k '$PGTMP' -c listen_addresses=127.0.0.1\" start" >/dev/null 2>&1; then
      PGPORT=$port; PG_RUNNING=true
      note "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT (data in $PGTMP)"
      return 0
    fi
    port=$((port + 1))
  done
  note "PostgreSQL failed to start; last log lines:"; tail -n 20 "$PGTMP/log" 2>/dev/null
  return 1
}
if [[ -n "$WEB_PROJ" ]]; then
  if start_pg; then PG_OK=true; else stop_pg; fi
fi

# ---------------------------------------------------------------- 3. build
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR" "$SCREENSHOTS_DIR"
BUILD_LOG="$RESULTS_DIR/build.log"
note "dotnet build $SOLUTION -c Release"
dotnet build "$SOLUTION" -c Release -nologo -v minimal --disable-build-servers -nodeReuse:false 2>&1 | tee "$BUILD_LOG"
if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
  echo
  echo "BUILD FAILED: the solution does not compile, no tests were run. Errors:"
  grep -E ': error [A-Z]+[0-9]*' "$BUILD_LOG" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n 100
  grep -qE ': error ' "$BUILD_LOG" || tail -n 40 "$BUILD_LOG"
  FAILED=1; summary_line; exit 1
fi

# ---------------------------------------------------------------- 4/5. run suites
counter() {   # counter <Counters element> <attribute>
  local v
  v=$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")
  echo "${v:-0}"
}

skip_missing_dep() {   # skip_missing_dep <suite> <reason>
  if [[ "$IS_CI" == true ]]; then
    echo "FAIL: $1: $2 -- suite skipped under CI counts as a failure"
    FAILED=$((FAILED + 1)); SUMMARY_LINES+=("$1: SKIPPED under CI ($2) -> counted as 1 failed")
  else
    echo "SKIP: $1: $2 (counted as 1 skipped)"
    SKIPPED=$((SKIPPED + 1)); SUMMARY_LINES+=("$1: skipped ($2)")
  fi
}

trx_results() {   # trx_results <trx> <outcome>: how many UnitTestResult elements have that outcome
  grep -o '<UnitTestResult [^>]*>' "$1" 2>/dev/null | grep -c " outcome=\"$2\"" || true
}

trx_aborted() {   # trx_aborted <trx>: the run ended early (host crashed, killed by the hang timeout, or aborted)
  grep -qiE 'test run was aborted|host process crashed|host process exited unexpectedly' "$1" 2>/dev/null ||
    grep -qE '<ResultSummary outcome="(Aborted|Error|Timeout)"' "$1" 2>/dev/null
}

discovered_tests() {   # discovered_tests <csproj> [VAR=value ...]: the number of test cases the filter selects
  local proj="$1"; shift
  local args=(test "$proj" -c Release --no-build --list-tests)
  [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")
  env "$@" dotnet "${args[@]}" 2>/dev/null | sed -n '/The following Tests are available:/,$p' | tail -n +2 | grep -c '^    ' || true
}

run_suite() {   # run_suite <name> <csproj> [VAR=value ...]
  local name="$1" proj="$2"; shift 2
  local trx="$name.trx" args rc
  echo
  echo "=================================================================="
  echo "== Suite: $name ($proj${*:+; $*})"
  echo "=================================================================="
  args=(test "$proj" -c Release --no-build
        --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal"
        --results-directory "$RESULTS_DIR"
        --blame-hang-timeout "${OTOP_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none)
  [[ -n "$FILTER" ]] && args+=(--filter "$FILTER")
  env "$@" dotnet "${args[@]}"
  rc=$?

  local c="" file="$RESULTS_DIR/$trx" total=0 passed=0 failed=0 skipped=0 extra=""
  [[ -f "$file" ]] && c=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
  if [[ -n "$c" ]]; then
    total=$(counter "$c" total); passed=$(counter "$c" passed)
    failed=$(( $(counter "$c" failed) + $(counter "$c" error) + $(counter "$c" timeout) + $(counter "$c" aborted) ))
    # xUnit reports a [Fact(Skip = ...)] as a result with outcome NotExecuted (the notExecuted counter stays 0).
    skipped=$(trx_results "$file" NotExecuted)
  fi
  if [[ -z "$c" ]] || trx_aborted "$file"; then
    local discovered unfinished
    discovered=$(discovered_tests "$proj" "$@")
    (( discovered < total )) && discovered=$total
    unfinished=$(( discovered - passed - skipped - failed ))
    (( unfinished < 0 )) && unfinished=0
    failed=$(( failed + unfinished ))
    (( failed == 0 )) && failed=1
    extra=" (the run was aborted: a test host crashed or hung; $unfinished of $discovered tests did not finish and count as failed)"
    echo "FAIL: $name:${extra}"
  elif [[ $rc -ne 0 && $failed -eq 0 ]]; then
    extra=" (dotnet test exited $rc although the trx shows no failures: counted as 1 failed)"
    failed=1
    echo "FAIL: $name:${extra}"
  fi
  PASSED=$((PASSED + passed)); FAILED=$((FAILED + failed)); SKIPPED=$((SKIPPED + skipped))
  SUMMARY_LINES+=("$name: $passed passed, $failed failed, $skipped skipped${extra}")
}

missing_project() {
  echo
  echo "NOTE: $1: no test project in $2 yet, suite not run (not counted)"
  SUMMARY_LINES+=("$1: no project yet (not counted)")
}

if [[ -n "$DOMAIN_PROJ" ]]; then run_suite domain "$DOMAIN_PROJ"
else missing_project domain tests/Otop.Domain.Tests; fi

if [[ -n "$WEB_PROJ" ]]; then
  run_suite web-sqlite "$WEB_PROJ" OTOP_TEST_DB=Sqlite
  if [[ "$PG_OK" == true ]]; then
    run_suite web-postgres "$WEB_PROJ" OTOP_TEST_DB=Postgres \
      "OTOP_TEST_PG=Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
  else
    echo; skip_missing_dep web-postgres "PostgreSQL is unavailable"
  fi
else
  missing_project web-sqlite tests/Otop.Web.Tests
  missing_project web-postgres tests/Otop.Web.Tests
fi

if [[ -n "$BROWSER_PROJ" ]]; then
  if have_chromium; then
    run_suite browser "$BROWSER_PROJ" "OTOP_BROWSER=$CHROMIUM" "OTOP_SCREENSHOTS=$SCREENSHOTS_DIR"
  else
    echo; skip_missing_dep browser "Chromium ($CHROMIUM) is not installed"
  fi
else
  missing_project browser tests/Otop.Browser.Tests
fi

# ---------------------------------------------------------------- 7. summary
stop_pg
echo
echo "=================================================================="
echo "== Results (trx files in ${RESULTS_DIR#"$ROOT"/})"
for l in "${SUMMARY_LINES[@]}"; do echo "   $l"; done
echo "=================================================================="
summary_line
[[ $FAILED -eq 0 ]]
