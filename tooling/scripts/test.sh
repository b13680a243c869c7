#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit and integration tests on the embedded database, browser
# tests in Chromium against the production build, and — when TEST_DATABASE_URL / TEST_REDIS_URL
# point at servers — the database and Redis suites again against those.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tooling/scripts/setup.sh --browser

postgres_url="${TEST_DATABASE_URL:-}"
redis_url="${TEST_REDIS_URL:-}"

echo "› typecheck, lint, unit and integration tests (embedded PGlite), then browser tests"
TEST_DATABASE_URL= TEST_REDIS_URL= pnpm test

if [ -n "$postgres_url" ] || [ -n "$redis_url" ]; then
  echo "› database and Redis suites against ${postgres_url:+PostgreSQL }${redis_url:+Redis}"
  TEST_DATABASE_URL="$postgres_url" TEST_REDIS_URL="$redis_url" pnpm test:services
fi
echo "› all tests passed"
