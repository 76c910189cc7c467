#!/usr/bin/env bash
# The analytics page for a 90-day window over 100,000 proposals with their stage history,
# signed in as a Manager, measured with wrk (16 connections); in the same run, a static file
# from the same server as the reference (docs/performance.md "Analytics page"). Goal: p95 < 100 ms.
#
# Usage: bench/analytics-wrk.sh [DURATION] [PROPOSALS]   (defaults: 30s, 100000)
#        STORE=<db> bench/analytics-wrk.sh …  copies a store generated earlier (same day) instead of generating one
# Needs: dotnet, wrk (apt-get install -y wrk), curl. Work files go to a temp folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"
count="${2:-100000}"
port="${PORT:-5199}"
password="bench password 12345"
work=$(mktemp -d)
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish -c Release -o "$work/app" src/UpworkAssist.Web >/dev/null
if [ -n "${STORE:-}" ]; then
  mkdir -p "$work/data" && sqlite3 "$STORE" ".backup '$work/data/upworkassist.db'"
else
  dotnet run -c Release --project bench/UpworkAssist.Bench -- pipeline "$work/data/upworkassist.db" "$count" "$password"
fi

# The product as shipped (Production, Serilog request logging on), feed polling off so nothing else runs.
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet UpworkAssist.Web.dll --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Default="Data Source=$work/data/upworkassist.db" --Storage:DataDirectory="$work/data" \
  --Upwork:AutoPoll=false >"$work/app.log" 2>&1) &
app_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# Sign in through the login form like a browser: antiforgery cookie + token, then the auth cookie.
jar="$work/cookies"
token=$(curl -fs -c "$jar" "$base/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}\n' "$base/Account/Login" \
  --data-urlencode "Input.Email=bench-manager@example.test" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" | grep -q 302
cookie=$(awk '$6 == "UpworkAssist.Auth" { print $6 "=" $7 }' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

page="$base/Analytics?days=90"
static="$base/css/site.css"
# One request each to warm the JIT, the EF query cache and SQLite's page cache.
for _ in 1 2 3; do curl -fs -H "Cookie: $cookie" -o /dev/null "$page"; curl -fs -o /dev/null "$static"; done
echo "analytics page body: $(curl -fs -H "Cookie: $cookie" "$page" | wc -c) bytes; proposals in window: $(curl -fs -H "Cookie: $cookie" "$base/Analytics?handler=Csv&table=summary&days=90" | sed -n 2p | cut -d, -f2)"

# Cold: a report not yet in the cache (a different but equivalent period each time) is built from the store.
for back in 90 91 92 93 94 95 96 97 98 99; do
  from=$(date -u -d "-$back days" +%F)
  curl -fs -H "Cookie: $cookie" -o /dev/null -w "cold (from=$from, uncached): %{time_total} s\n" "$base/Analytics?from=$from"
done

echo "== $page (wrk -t2 -c16 -d$duration)"
COOKIE="$cookie" wrk -t2 -c16 -d"$duration" -s bench/wrk-latency.lua "$page" | tail -2
echo "== cold under load: $base/Analytics with a from/to pair no request used before (bench/wrk-cold.lua)"
COOKIE="$cookie" wrk -t2 -c16 -d"$duration" -s bench/wrk-cold.lua "$base/Analytics" | tail -2
echo "== $static (reference, same server)"
COOKIE="$cookie" wrk -t2 -c16 -d"$duration" -s bench/wrk-latency.lua "$static" | tail -2
