#!/usr/bin/env bash
# The one test command (`npm test`, and .ci/run): type-check, lint (ESLint and `prettier --check`),
# then every Vitest test on SQLite, then the database-backed tests again on PostgreSQL, then the
# browser tests in chromium.
# Prerequisites from the system (chromium, a running PostgreSQL) are installed or started here.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p test-artifacts
bash scripts/ensure-test-services.sh

echo "== typecheck"
npx tsc --noEmit

echo "== lint (eslint, prettier --check)"
npm run --silent lint

echo "== build (server to build/, dashboard to dist/)"
npm run --silent build

passed=0; failed=0; skipped=0
leg() { # name, env..., -- vitest args
  local name=$1; shift
  local report="test-artifacts/vitest-$name.json"
  echo "== tests: $name"
  local status=0
  env "$@" --reporter=default --reporter=json --outputFile="$report" || status=$?
  if [ -f "$report" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests,r.numFailedTests,r.numPendingTests+r.numTodoTests)' "$PWD/$report")
    passed=$((passed+p)); failed=$((failed+f)); skipped=$((skipped+s))
  fi
  if [ "$status" -ne 0 ]; then
    echo "leg $name failed (exit $status)"
    echo "tests: $passed passed, $((failed>0?failed:1)) failed, $skipped skipped"
    exit 1
  fi
}

# Without a reachable PostgreSQL (allowed outside CI only, see ensure-test-services.sh) the tests
# that need one skip themselves (PG_UNAVAILABLE=1) and the PostgreSQL legs are skipped.
pg_unavailable=0; [ -f test-artifacts/postgres-unavailable ] && pg_unavailable=1
leg sqlite TEST_DB=sqlite PG_UNAVAILABLE=$pg_unavailable npx vitest run --exclude 'test/browser/**' --exclude 'test/multi/**'
if [ "$pg_unavailable" = 1 ]; then
  echo "== tests: postgres, multi SKIPPED (PostgreSQL unreachable at ${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test})"
else
  # The whole database-backed suite again on PostgreSQL (each test file in its own database).
  leg postgres TEST_DB=postgres npx vitest run test/integration
  # Real app processes on one PostgreSQL database: one close and one email per recipient across
  # instances, crash takeover, concurrent imports, graceful shutdown (test/multi/processes.ts).
  leg multi TEST_DB=postgres npx vitest run test/multi --no-file-parallelism
fi
if [ -d test/browser ] && ls test/browser/*.test.ts >/dev/null 2>&1; then
  leg browser TEST_DB=sqlite npx vitest run test/browser
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
