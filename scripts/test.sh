#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL (set-up included; see README).
# Tests use their own database, cms_test, recreated empty for each run; a configured database is used as given.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    export CMS_TEST_DATABASE_URL=$QUARKUS_DATASOURCE_JDBC_URL
else
    CMS_TEST_DATABASE_URL=$(ensure_local_database cms_test fresh)
    export CMS_TEST_DATABASE_URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password
fi

mvn -B test "$@"
