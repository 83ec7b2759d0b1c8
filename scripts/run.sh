#!/usr/bin/env bash
# Starts the service with demo content at http://localhost:8080 (set-up included; see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh

if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    QUARKUS_DATASOURCE_JDBC_URL=$(ensure_local_database cms)
    export QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password
fi

mvn -B -q package -DskipTests
export CMS_DEMO_CONTENT=${CMS_DEMO_CONTENT:-true}
if [ -z "${CMS_ADMIN_TOKEN:-}" ]; then
    # A fresh admin token for this run, so that the demo can be edited; set CMS_ADMIN_TOKEN to choose your own.
    CMS_ADMIN_TOKEN="cms_dev_$(head -c 24 /dev/urandom | base64 | tr -d '/+=' )"
    export CMS_ADMIN_TOKEN
    echo "admin token for this run: Authorization: Bearer $CMS_ADMIN_TOKEN"
fi
exec java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar
