#!/usr/bin/env bash
# Feed ingest vs the sqlite3 CLI, same run, same machine (docs/performance.md "Feed ingest").
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
dotnet run -c Release --project bench/UpworkAssist.Bench -- "$work/app.db" 100000
# Reference: a store with the same 100,000 rows, then the same 10,000 rows inserted by sqlite3 in one transaction.
sqlite3 "$work/app.db" "DELETE FROM Postings WHERE Id LIKE '~0new%';"
sqlite3 "$work/app.db" "CREATE TABLE tmp AS SELECT * FROM Postings WHERE Id LIKE '~0seed%' LIMIT 10000;" 
{
  echo "BEGIN;"
  sqlite3 -json "$work/app.db" "SELECT * FROM tmp" > "$work/rows.json"
  python3 - "$work/rows.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
def q(v):
    if v is None: return "NULL"
    if isinstance(v, (int, float)): return repr(v)
    return "'" + str(v).replace("'", "''") + "'"
for r in rows:
    r["Id"] = "~0ref" + r["Id"][6:]
    cols = ",".join(r.keys())
    print(f"INSERT INTO Postings ({cols}) VALUES ({','.join(q(v) for v in r.values())});")
PY
  echo "COMMIT;"
} > "$work/insert.sql"
sqlite3 "$work/app.db" "DROP TABLE tmp;"
start=$(date +%s.%N)
sqlite3 "$work/app.db" < "$work/insert.sql"
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'sqlite3 CLI: 10000 INSERT statements in one transaction into 100000 in {s*1000:.0f} ms = {10000/s:.0f} rows/s')" "$start" "$end"
rm -rf "$work"
