#!/usr/bin/env bash
# Starts the service with demo content at http://localhost:8080 (set-up included; see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
source scripts/packages.sh

if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    QUARKUS_DATASOURCE_JDBC_URL=$(ensure_local_database cms)
    export QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password
fi

# The service reads the scanned pages of PDFs with tesseract (docs/api-guide.md, Search inside PDFs).
ensure_packages tesseract-ocr tesseract-ocr-chi-sim
./mvnw -B -q package -DskipTests
export CMS_DEMO_CONTENT=${CMS_DEMO_CONTENT:-true}
if [ -z "${CMS_ADMIN_TOKEN:-}" ]; then
    # A fresh admin token for this run (at least 32 characters, as the service requires), so that the demo can be
    # edited; set CMS_ADMIN_TOKEN to choose your own. It goes to a file only its owner can read, never to the terminal.
    CMS_ADMIN_TOKEN="cms_dev_$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
    export CMS_ADMIN_TOKEN
    (umask 077 && printf '%s\n' "$CMS_ADMIN_TOKEN" > target/admin-token)
    echo "admin token for this run: in target/admin-token (Authorization: Bearer \$(cat target/admin-token))"
fi
if [ -z "${CMS_DEMO_PASSWORD:-}" ] && [ "$CMS_DEMO_CONTENT" = true ]; then
    # The demo accounts' password (demo-admin, demo-editor, demo-reviewer), made once and kept in a file only its owner
    # can read, since the accounts are made once too.
    if [ ! -s target/demo-password ]; then
        (umask 077 && printf 'demo-%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" > target/demo-password)
    fi
    CMS_DEMO_PASSWORD=$(cat target/demo-password)
    export CMS_DEMO_PASSWORD
    echo "demo accounts demo-admin, demo-editor, demo-reviewer: password in target/demo-password (POST /api/v1/session)"
fi
exec java $(service_gc_options) ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar
