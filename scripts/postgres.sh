#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if needed and starts a private, throw-away cluster for the tests
# on port ${PGPORT:-55432} under ${PGDATA_DIR:-/tmp/industrymap-pg}. Prints the connection string on stdout.
# PostgreSQL refuses to run as root, so the cluster belongs to the postgres user.
set -euo pipefail
port="${PGPORT:-55432}"
dir="${PGDATA_DIR:-/tmp/industrymap-pg}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (apt)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w start >&2
fi
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='industrymap_test'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres industrymap_test
echo "Host=127.0.0.1;Port=$port;Database=industrymap_test;Username=postgres;Pooling=true;Maximum Pool Size=50"
