#!/usr/bin/env bash
# Tests scripts/test.sh's counting on a throwaway checkout (OTOP_REPO_ROOT) whose one suite has 8 tests: 6 pass, 1
# fails, 1 is skipped by attribute; CRASH=1 makes one test kill its host, HANG=1 makes one hang past the hang timeout.
# An aborted run must count every test it did not finish as failed: the three numbers always add up to 8.
#
#   bash scripts/test-selftest.sh      # about a minute; prints PASS/FAIL per case, exits non-zero on a failure
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FAKE=$(mktemp -d /tmp/otop-testsh.XXXXXX)
trap 'rm -rf "$FAKE"' EXIT
mkdir -p "$FAKE/tests/Otop.Domain.Tests"
cat >"$FAKE/Otop.slnx" <<'XML'
<Solution>
  <Project Path="tests/Otop.Domain.Tests/Otop.Domain.Tests.csproj" />
</Solution>
XML
cat >"$FAKE/tests/Otop.Domain.Tests/Otop.Domain.Tests.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <IsPackable>false</IsPackable>
    <IsTestProject>true</IsTestProject>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
  </ItemGroup>
</Project>
XML
cat >"$FAKE/tests/Otop.Domain.Tests/Cases.cs" <<'CS'
using Xunit;

public class Cases
{
    [Fact] public void Passes() { }
    [Fact(Skip = "skipped by attribute")] public void Skipped() { }
    [Fact] public void Fails() => Assert.Fail("fails on purpose");
    [Fact] public void Crashes() { if (System.Environment.GetEnvironmentVariable("CRASH") == "1") System.Environment.FailFast("crash on purpose"); }
    [Fact] public void Hangs() { if (System.Environment.GetEnvironmentVariable("HANG") == "1") System.Threading.Thread.Sleep(-1); }
}

public class Slow
{
    [Fact] public void One() => System.Threading.Thread.Sleep(500);
    [Fact] public void Two() => System.Threading.Thread.Sleep(500);
    [Fact] public void Three() => System.Threading.Thread.Sleep(500);
}
CS

FAILURES=0
check() {   # check <case> <expected regex for the last line> [VAR=value ...]
  local name="$1" want="$2"; shift 2
  local last
  last=$(env OTOP_REPO_ROOT="$FAKE" "$@" bash "$HERE/test.sh" 2>&1 | tail -n 1)
  if [[ "$last" =~ $want ]] && (( BASH_REMATCH[1] + BASH_REMATCH[2] + BASH_REMATCH[3] == 8 )); then
    echo "PASS: $name: $last"
  else
    echo "FAIL: $name: last line '$last', expected /$want/ adding up to 8"; FAILURES=$((FAILURES + 1))
  fi
}

check "a normal run" '^(6) passed, (1) failed, (1) skipped$'
check "a crashed test host" '^([0-5]) passed, ([2-8]) failed, ([01]) skipped$' CRASH=1
check "a hung test" '^([0-5]) passed, ([2-8]) failed, ([01]) skipped$' HANG=1 OTOP_TEST_HANG_TIMEOUT=15s
echo "$((3 - FAILURES)) passed, $FAILURES failed, 0 skipped"
[[ $FAILURES -eq 0 ]]
