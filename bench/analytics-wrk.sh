#!/usr/bin/env bash
# The analytics page for a 90-day window over 100,000 proposals with their stage history,
# signed in as a Manager, measured with wrk (16 connections), twice in one run: as shipped (built
# reports reused for a minute while the data is unchanged) and with the report cache off
# (Analytics:ReportCacheSeconds=0, every request builds its report from scratch). In the same run,
# a static file from the same server as the reference (docs/performance.md "Analytics page").
# Goal: p95 < 100 ms.
#
# Usage: bench/analytics-wrk.sh [DURATION] [PROPOSALS]   (defaults: 30s, 100000)
#        STORE=<db> bench/analytics-wrk.sh …  copies a store generated earlier (same day) instead of generating one
#        PROVIDER=postgres bench/analytics-wrk.sh …  the same generated store copied into PostgreSQL
#          (`upwork-assist store copy`, then VACUUM ANALYZE; database ua_analytics, dropped and re-created),
#          the server run with Storage:Provider=Postgres; PROVIDER=both: SQLite first, then PostgreSQL,
#          each with its static-file reference. PGHOST, PGPORT, PGUSER, PGPASSWORD (defaults 127.0.0.1,
#          5432, upworkassist, upworkassist): a role that may create databases.
# Needs: dotnet, wrk (apt-get install -y wrk), curl, sqlite3; psql for postgres. Work files go to a temp folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"
count="${2:-100000}"
port="${PORT:-5199}"
password="bench password 12345"
provider="${PROVIDER:-sqlite}"
case "$provider" in sqlite|postgres) providers=$provider ;; both) providers="sqlite postgres" ;; *) echo "PROVIDER must be sqlite, postgres or both" >&2; exit 2 ;; esac
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-upworkassist} PGPASSWORD=${PGPASSWORD:-upworkassist}
pgdb=ua_analytics
pgconn="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$pgdb"
work=$(mktemp -d)
app_pid=0
trap '[ "$app_pid" -gt 0 ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet publish -c Release -o "$work/app" src/UpworkAssist.Web >/dev/null
if [ -n "${STORE:-}" ]; then
  mkdir -p "$work/data" && sqlite3 "$STORE" ".backup '$work/data/upworkassist.db'"
else
  dotnet run -c Release --project bench/UpworkAssist.Bench -- pipeline "$work/data/upworkassist.db" "$count" "$password"
fi
if [ "$provider" != sqlite ]; then
  psql -d postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $pgdb" -c "CREATE DATABASE $pgdb"
  mkdir -p "$work/data/keys"
  dotnet run -c Release --project src/UpworkAssist.Cli -- store copy --from "Data Source=$work/data/upworkassist.db" --to "$pgconn" --keys "$work/data/keys"
  psql -d "$pgdb" -v ON_ERROR_STOP=1 -qc "VACUUM ANALYZE"
fi
base="http://127.0.0.1:$port"

# The product as shipped (Production, Serilog request logging on), feed polling off so nothing
# else runs; extra settings as arguments. Signs in through the login form like a browser
# (antiforgery cookie + token, then the auth cookie) and sets $cookie.
start() {
  local store=(--ConnectionStrings:Default="Data Source=$work/data/upworkassist.db")
  [ "$current" = postgres ] && store=(--Storage:Provider=Postgres --ConnectionStrings:Default="$pgconn")
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet UpworkAssist.Web.dll --urls "$base" \
    "${store[@]}" --Storage:DataDirectory="$work/data" \
    --Upwork:AutoPoll=false "$@" >>"$work/app.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  local jar="$work/cookies" token
  rm -f "$jar"
  token=$(curl -fs -c "$jar" "$base/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}\n' "$base/Account/Login" \
    --data-urlencode "Input.Email=bench-manager@example.test" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" | grep -q 302
  cookie=$(awk '$6 == "UpworkAssist.Auth" { print $6 "=" $7 }' "$jar")
  [ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
}
stop() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=0; }

page="$base/Analytics?days=90"
static="$base/css/site.css"
measure() {
  echo "== $1 (wrk -t2 -c16 -d$duration)"
  COOKIE="$cookie" wrk -t2 -c16 -d"$duration" -s bench/wrk-latency.lua "$1" | tail -2
}

for current in $providers; do
echo "=== $current (uptime: $(uptime | sed 's/.*load/load/'))"
start
curl -fs -H "Cookie: $cookie" -o /dev/null -w "first view after start (loads the facts snapshot): %{time_total} s\n" "$page"
# Warm the JIT, the EF query cache and SQLite's page cache.
for _ in 1 2 3; do curl -fs -H "Cookie: $cookie" -o /dev/null "$page"; curl -fs -o /dev/null "$static"; done
echo "analytics page body: $(curl -fs -H "Cookie: $cookie" "$page" | wc -c) bytes; proposals in window: $(curl -fs -H "Cookie: $cookie" "$base/Analytics?handler=Csv&table=summary&days=90" | sed -n 2p | cut -d, -f2)"
# A period not yet in the report cache, one request at a time.
for back in 90 91 92 93 94 95 96 97 98 99; do
  from=$(date -u -d "-$back days" +%F)
  curl -fs -H "Cookie: $cookie" -o /dev/null -w "first view of a period (from=$from): %{time_total} s\n" "$base/Analytics?from=$from"
done
echo "--- as shipped (report cache on)"
measure "$page"
measure "$static"
echo "analytics server: $(ps -o rss= -p "$app_pid" | awk '{ printf "%.0f MB resident", $1 / 1024 }')"
stop

start --Analytics:ReportCacheSeconds=0
for _ in $(seq 20); do curl -fs -H "Cookie: $cookie" -o /dev/null "$page"; done
echo "--- report cache off: every request builds its report"
measure "$page"
measure "$static"
echo "analytics server: $(ps -o rss= -p "$app_pid" | awk '{ printf "%.0f MB resident", $1 / 1024 }')"
stop
done
