# Shared by backup.sh and restore.sh: the app's configuration variables → the database tools.
provider() { local p="${Database__Provider:-Sqlite}"; echo "${p,,}"; }

# Npgsql's "Host=…;Port=…;Database=…;Username=…;Password=…" → libpq's PG* variables (the password never on a command line).
pg_env() {
  local cs="${ConnectionStrings__Default:?ConnectionStrings__Default is required for PostgreSQL}" pair key value
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key="$(echo "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"; value="${pair#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
    esac
  done
}

pg_tool() {
  if command -v "$1" >/dev/null; then command -v "$1"; return; fi
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$bin/$1" ]] || { echo "$1 not found: install postgresql-client" >&2; exit 3; }
  echo "$bin/$1"
}

run_app() {
  if [[ -n "${OTOP_DLL:-}" ]]; then dotnet "$OTOP_DLL" "$@"
  else dotnet run --project "$(dirname "${BASH_SOURCE[0]}")/../src/Otop.Web" -- "$@"; fi
}
