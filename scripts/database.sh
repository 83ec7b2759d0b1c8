# Sourced by run.sh and test.sh: makes sure a PostgreSQL database exists and exports its JDBC settings.
# A configured database (QUARKUS_DATASOURCE_JDBC_URL, _USERNAME, _PASSWORD) is used as given and nothing is touched.
# Otherwise the local cluster is installed if missing, started if down, and a role "cms" with the database is created.

cms_role=cms
cms_password=cms

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# local_cluster: the pg_lsclusters line of the machine's own cluster: "main" where there is one, else the first that
# is not one of scripts/cluster.sh's (cms-primary and cms-replica sort first, and may be up, or stopped by its tests).
local_cluster() {
    pg_lsclusters --no-header | awk '$2 == "main"' | head -n 1 | grep . \
        || pg_lsclusters --no-header | awk '$2 != "cms-primary" && $2 != "cms-replica"' | head -n 1
    return 0
}

# ensure_local_database NAME [fresh]: prints the JDBC URL of database NAME on the local cluster; with "fresh",
# drops and recreates it first, so that a test run starts from an empty schema.
ensure_local_database() {
    local name=$1 fresh=${2:-}
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        echo "PostgreSQL is not installed; installing it from Debian's packages" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    local cluster
    cluster=$(local_cluster)
    if [ -z "$cluster" ]; then
        local major
        major=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
        echo "no PostgreSQL cluster; creating $major/main" >&2
        pg_createcluster "$major" main >&2
        cluster=$(local_cluster)
    fi
    local version cname port status
    read -r version cname port status _ <<<"$cluster"
    if [ "$status" != "online" ]; then
        echo "starting PostgreSQL $version/$cname" >&2
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cname" start >&2
    fi
    for _ in $(seq 1 30); do
        as_postgres psql -p "$port" -d postgres -Atqc 'select 1' >/dev/null 2>&1 && break
        sleep 1
    done
    as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$cms_role') then
    create role $cms_role login password '$cms_password';
  end if;
end \$\$;
SQL
    if [ "$fresh" = fresh ]; then
        as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q -c "drop database if exists $name with (force)" >&2
    fi
    if [ -z "$(as_postgres psql -p "$port" -d postgres -Atqc "select 1 from pg_database where datname = '$name'")" ]; then
        as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q \
            -c "create database $name owner $cms_role encoding 'UTF8' template template0 locale 'C.UTF-8'" >&2
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/$name"
}
