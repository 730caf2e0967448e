#!/usr/bin/env bash
# Back up the Otop database (docs/operations.md).
#   scripts/backup.sh <file>
# Reads the app's own configuration variables: Database__Provider (Sqlite|Postgres) and ConnectionStrings__Default.
#   PostgreSQL: pg_dump -Fc (custom format, for pg_restore); the app may keep running.
#   SQLite:     SQLite's online backup API through the app (`dotnet Otop.Web.dll --backup <file>`); the app may keep running.
# OTOP_DLL points at a published Otop.Web.dll; without it the script uses `dotnet run --project src/Otop.Web`.
# The key file (Keys__File, or otop.keys beside the SQLite file) is NOT backed up here: back it up separately, once and
# after every `--rotate-key`; a restore needs both (docs/operations.md "Keys").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/db-common.sh"
[[ $# -eq 1 ]] || { echo "usage: scripts/backup.sh <file>" >&2; exit 2; }
out="$1"

if [[ "$(provider)" == "postgres" ]]; then
  pg_env
  "$(pg_tool pg_dump)" --format=custom --no-owner --file="$out"
else
  run_app --backup "$out"
fi
echo "backup written: $out"
