#!/usr/bin/env bash
# Feed ingest vs the sqlite3 CLI, same run, same machine (docs/performance.md "Feed ingest").
set -euo pipefail
cd "$(dirname "$0")/.."
# Usage: bench/ingest-vs-sqlite3.sh [ROUNDS]  (default 3). Each round measures both, so the
# ratio of the medians is what to read on a shared, noisy machine.
# PROVIDER=postgres: the same benchmark on a fresh PostgreSQL database (ua_ingest, dropped and
# re-created each round), against `psql \copy` of the same 10,000 rows (CSV, one transaction) into
# the same 100,000-row store. PGHOST, PGPORT, PGUSER, PGPASSWORD (defaults 127.0.0.1, 5432,
# upworkassist, upworkassist): a role that may create databases.
rounds=${1:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-upworkassist} PGPASSWORD=${PGPASSWORD:-upworkassist}
if [ -z "${INGEST_ROUND:-}" ]; then
  out=$(mktemp)
  for i in $(seq "$rounds"); do INGEST_ROUND=$i "$0" | tee -a "$out"; done
  python3 - "$out" <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
ours = [float(x) for x in re.findall(r"^ingest: .* in (\d+) ms", text, re.M)]
ref = [float(x) for x in re.findall(r"^(?:sqlite3 CLI|psql \\copy): .* in (\d+) ms", text, re.M)]
one = [float(x) for x in re.findall(r"^one page after the other .* in (\d+) ms", text, re.M)]
boot = [float(x) for x in re.findall(r"^(?:sqlite3|psql) start-up alone: (\d+) ms", text, re.M)]
mo, mr = statistics.median(ours), statistics.median(ref)
print(f"median over {len(ours)} rounds: ingest {mo:.0f} ms ({10000/mo*1000:.0f}/s), reference {mr:.0f} ms ({10000/mr*1000:.0f}/s), ingest rate / reference rate = {mr/mo:.2f}")
mb = statistics.median(boot)
print(f"one page after the other: median {statistics.median(one):.0f} ms (ratio {mr/statistics.median(one):.2f}); "
      f"the reference less its client's start-up ({mb:.0f} ms, median): ratio {(mr-mb)/mo:.2f}")
PY
  rm -f "$out"
  exit 0
fi
work=$(mktemp -d)
if [ "${PROVIDER:-sqlite}" = postgres ]; then
  db=ua_ingest
  psql -d postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  dotnet run -c Release --project bench/UpworkAssist.Bench -- "Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db" 100000
  # Reference: the store back to the same 100,000 rows, then the same 10,000 rows (new ids) by \copy.
  psql -d "$db" -v ON_ERROR_STOP=1 -q <<SQL
DELETE FROM "Postings" WHERE "Id" LIKE '~0new%' OR "Id" LIKE '~0one%';
CREATE TEMP TABLE tmp AS SELECT * FROM "Postings" WHERE "Id" LIKE '~0seed%' ORDER BY "Id" LIMIT 10000;
UPDATE tmp SET "Id" = '~0ref' || substr("Id", 7);
\copy tmp TO '$work/rows.csv' CSV
VACUUM ANALYZE "Postings";
SQL
  # The reference's own start-up and connection, for the ratio without it (the summary prints both).
  start=$(date +%s.%N)
  psql -d "$db" -qAtc "SELECT 1" > /dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; print(f'psql start-up alone: {(float(sys.argv[2])-float(sys.argv[1]))*1000:.0f} ms')" "$start" "$end"
  start=$(date +%s.%N)
  psql -d "$db" -v ON_ERROR_STOP=1 -qc "\\copy \"Postings\" FROM '$work/rows.csv' CSV"
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'psql \\\\copy: 10000 rows (CSV, one transaction) into 100000 in {s*1000:.0f} ms = {10000/s:.0f} rows/s')" "$start" "$end"
  [ "$(psql -d "$db" -Atc "SELECT count(*) FROM \"Postings\"")" = 110000 ] || { echo "reference did not insert 10,000 rows" >&2; exit 1; }
  psql -d postgres -qc "DROP DATABASE $db"
  rm -rf "$work"
  exit 0
fi
dotnet run -c Release --project bench/UpworkAssist.Bench -- "$work/app.db" 100000
# Reference: a store with the same 100,000 rows, then the same 10,000 rows inserted by sqlite3 in one transaction.
sqlite3 "$work/app.db" "DELETE FROM Postings WHERE Id LIKE '~0new%' OR Id LIKE '~0one%';"
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
sqlite3 "$work/app.db" "SELECT 1;" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; print(f'sqlite3 start-up alone: {(float(sys.argv[2])-float(sys.argv[1]))*1000:.0f} ms')" "$start" "$end"
start=$(date +%s.%N)
sqlite3 "$work/app.db" < "$work/insert.sql"
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'sqlite3 CLI: 10000 INSERT statements in one transaction into 100000 in {s*1000:.0f} ms = {10000/s:.0f} rows/s')" "$start" "$end"
rm -rf "$work"
