#!/usr/bin/env bash
# Makes sure what the tests need from the system is there: PostgreSQL answering on PG_TEST_URL
# (started if installed but stopped), Debian's chromium for the browser tests and LibreOffice
# Writer (libreoffice-writer-nogui: the filed report's DOCX must convert to PDF) — both installed
# with apt-get when missing. Under CI=true a missing prerequisite fails the run; it is never skipped.
set -uo pipefail
PG_TEST_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}

pg_up() { node -e '
  const pg = require("pg"); const c = new pg.Client({connectionString: process.argv[1], connectionTimeoutMillis: 3000});
  c.connect().then(() => c.query("select 1")).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$PG_TEST_URL"; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL not answering; starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
  fi
fi
rm -f test-artifacts/postgres-unavailable
if ! pg_up; then
  echo "ERROR: PostgreSQL is not reachable at $PG_TEST_URL. Install and start it (apt-get install postgresql)," >&2
  echo "or point PG_TEST_URL at a server where the user may create databases." >&2
  # Under CI the PostgreSQL legs are required; on a developer machine they are skipped (run.sh reads the marker).
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "Not CI: the PostgreSQL and multi-process legs will be SKIPPED." >&2
  mkdir -p test-artifacts && touch test-artifacts/postgres-unavailable
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "chromium missing; installing Debian's chromium with apt-get"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "ERROR: the browser tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2
  exit 1
fi
has_soffice() { command -v soffice >/dev/null 2>&1 || [ -x /usr/lib/libreoffice/program/soffice ]; }
if ! has_soffice; then
  echo "LibreOffice missing; installing Debian's libreoffice-writer-nogui with apt-get"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null) || true
  fi
fi
if ! has_soffice; then
  echo "ERROR: the DOCX report test needs LibreOffice: run 'sudo apt-get install libreoffice-writer-nogui'." >&2
  # Under CI it is required; elsewhere the conversion test skips itself (test/helpers/documents.ts findSoffice).
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "Not CI: the LibreOffice conversion test will be SKIPPED." >&2
fi
exit 0
