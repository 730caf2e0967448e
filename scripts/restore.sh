#!/usr/bin/env bash
# Restore the Otop database from a file written by scripts/backup.sh (docs/operations.md). STOP THE APP FIRST.
#   scripts/restore.sh <file>
#   PostgreSQL: pg_restore --clean --if-exists into the configured database (tables, data, the audit trigger).
#   SQLite:     the online backup API copies the backup over the configured file.
# Afterwards start the app and run the audit integrity check (GET /api/v1/audit/verify or the "ประวัติการแก้ไข" page).
# The key file is not in the backup: put back the key file of that installation first (docs/operations.md "Keys"); with
# another one, everyone signs in again and the audit reports its entries as sealed under an unknown key.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/db-common.sh"
[[ $# -eq 1 ]] || { echo "usage: scripts/restore.sh <file>" >&2; exit 2; }
in="$1"
[[ -f "$in" ]] || { echo "no such backup: $in" >&2; exit 2; }

if [[ "$(provider)" == "postgres" ]]; then
  pg_env
  "$(pg_tool pg_restore)" --clean --if-exists --no-owner --single-transaction --dbname="$PGDATABASE" "$in"
else
  run_app --restore "$in"
fi
echo "restored from: $in"
