#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL (set-up included; see README).
# Tests use their own database, cms_test, recreated empty for each run; a configured database is used as given.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh

if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    export CMS_TEST_DATABASE_URL=$QUARKUS_DATASOURCE_JDBC_URL
else
    CMS_TEST_DATABASE_URL=$(ensure_local_database cms_test fresh)
    export CMS_TEST_DATABASE_URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password
fi

# DisclosurePageTest drives Debian's Chromium through chromedriver; a CJK font lets its screenshots show Chinese.
missing=()
for package in chromium chromium-driver fonts-wqy-zenhei; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian's packages" >&2
    sudo_apt=(apt-get)
    [ "$(id -u)" = 0 ] || sudo_apt=(sudo apt-get)
    "${sudo_apt[@]}" update -qq >&2 && DEBIAN_FRONTEND=noninteractive "${sudo_apt[@]}" install -y -qq "${missing[@]}" >&2
fi

if [ $# -gt 0 ]; then
    ./mvnw -B test "$@"
    exit
fi
# The whole suite, then the package: the container image (src/main/docker/Dockerfile.jvm) copies what it writes.
./mvnw -B verify
for source in $(sed -nE 's/^COPY +(--[^ ]+ +)*([^ ]+) +[^ ]+$/\2/p' src/main/docker/Dockerfile.jvm); do
    compgen -G "$source" >/dev/null || { echo "Dockerfile.jvm copies $source, which the package did not write" >&2; exit 1; }
done
echo "Dockerfile.jvm: every path it copies was written by the package"

# The OpenAPI document the build wrote, linted with a documented rule set (tools/openapi-lint/redocly.yaml) by
# Redocly CLI, pinned in tools/openapi-lint/package-lock.json. Needs Node.js 20 or newer.
if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing; installing Node.js from Debian's packages" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi
npm ci --prefix tools/openapi-lint --no-audit --no-fund --silent
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true tools/openapi-lint/node_modules/.bin/redocly lint openapi/openapi.yaml --config tools/openapi-lint/redocly.yaml --format=summary

# The front-end example: a client generated from the same document must compile with tsc --strict.
npm ci --prefix examples/typescript-client --no-audit --no-fund --silent
npm run --prefix examples/typescript-client --silent check
echo "examples/typescript-client: generated from openapi/openapi.yaml and compiled with tsc --strict"
