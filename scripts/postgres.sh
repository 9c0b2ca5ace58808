# Start Debian's PostgreSQL on loopback for the store tests and export NPLOY_TEST_DATABASE_URL.
# Sourced by scripts/test (and usable by hand: `source scripts/postgres.sh`). Idempotent.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$pg_version main .* online"; then
  pg_lsclusters -h | grep -q "^$pg_version main " || as_root pg_createcluster "$pg_version" main >/dev/null
  as_root pg_ctlcluster "$pg_version" main start
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $3}')
as_postgres psql -p "$pg_port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'nploy'" | grep -q 1 \
  || as_postgres psql -p "$pg_port" -qc "CREATE ROLE nploy LOGIN PASSWORD 'nploy' CREATEDB"
as_postgres psql -p "$pg_port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'nploy_test'" | grep -q 1 \
  || as_postgres psql -p "$pg_port" -qc "CREATE DATABASE nploy_test OWNER nploy"
export NPLOY_TEST_DATABASE_URL="postgresql+psycopg://nploy:nploy@127.0.0.1:${pg_port}/nploy_test"
