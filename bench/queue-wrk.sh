#!/usr/bin/env bash
# Triage queue under load (docs/performance.md "Triage queue at 1M postings"): a Release build
# of the app on a generated store, wrk with 16 connections and a logged-in cookie against a
# static file (the reference), the first queue page and a filtered page, in the same run,
# sampling the server's resident memory. Server time is the product's own request log
# (Serilog "HTTP GET … responded 200 in N ms", middleware to response end, static files excluded).
#
# Usage: bench/queue-wrk.sh [POSTINGS] [MATCHES] [SECONDS]   (defaults 1000000 200000 20)
# Env: WARMUP seconds of load before each measured URL (default 15).
# Env: QUEUE_BENCH_DIR (default /tmp/ua-queue-bench) holds the store, keys, logs and results.
# Env: PROVIDER=sqlite (default) | postgres | both. postgres: the same generated SQLite store is
#   copied (`upwork-assist store copy`, then VACUUM ANALYZE) into the PostgreSQL database
#   ua_queue_<postings>_<matches> (dropped and re-created whenever the SQLite store is regenerated)
#   and the server runs with Storage:Provider=Postgres; both: SQLite first, then PostgreSQL, one
#   table each (each with its own static-file reference). Results go to $QUEUE_BENCH_DIR/<provider>/.
# Env: PGHOST, PGPORT, PGUSER, PGPASSWORD (defaults 127.0.0.1, 5432, upworkassist, upworkassist):
#   a role that may create databases.
# Needs: dotnet, wrk (apt-get install -y wrk), curl, python3; psql for postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
postings=${1:-1000000}
matches=${2:-200000}
seconds=${3:-20}
dir=${QUEUE_BENCH_DIR:-/tmp/ua-queue-bench}
db="$dir/store-$postings-$matches.db"
port=5187
base="http://127.0.0.1:$port"
static_url="/favicon.svg"
first_url="/Queue"
filtered_url="/Queue?lane=dotnet&verified=true&budgetMin=500"
provider=${PROVIDER:-sqlite}
case "$provider" in sqlite|postgres) providers=$provider ;; both) providers="sqlite postgres" ;; *) echo "PROVIDER must be sqlite, postgres or both" >&2; exit 2 ;; esac
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-upworkassist} PGPASSWORD=${PGPASSWORD:-upworkassist}
pgdb="ua_queue_${postings}_${matches}"
pgconn="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$pgdb"
mkdir -p "$dir"
command -v wrk > /dev/null || apt-get install -y wrk

dotnet build -c Release src/UpworkAssist.Web -v q -nologo > /dev/null
dotnet build -c Release bench/UpworkAssist.Bench -v q -nologo > /dev/null
[ "$provider" = sqlite ] || dotnet build -c Release src/UpworkAssist.Cli -v q -nologo > /dev/null
# The store's recent postings were fetched in the 22 hours before it was generated, so the
# 24-hour retention purge would start deleting them two hours later: regenerate when it was
# generated longer ago than that (by its marker: the servers of earlier runs write the file itself).
if [ ! -f "$db" ] || [ ! -f "$db.generated" ] || [ -n "$(find "$db.generated" -mmin +100)" ]; then
  # Generated under another name, so that a failed generation leaves no store to be reused.
  rm -f "$db" "$db-wal" "$db-shm" "$db.generated"
  dotnet bench/UpworkAssist.Bench/bin/Release/net10.0/UpworkAssist.Bench.dll queue "$db.new" "$postings" "$matches"
  mv "$db.new" "$db"; rm -f "$db.new-wal" "$db.new-shm"
  touch "$db" "$db.generated"
fi
# The PostgreSQL store: a copy of this very SQLite store, redone when the SQLite store was generated
# after the copy (its own marker: a SQLite run's server writes the file, which is no reason to copy).
copied="$dir/pg-$postings-$matches.copied"
if [ "$provider" != sqlite ] && { [ ! -f "$copied" ] || [ ! -f "$db.generated" ] || [ "$db.generated" -nt "$copied" ]; }; then
  psql -d postgres -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $pgdb" -c "CREATE DATABASE $pgdb"
  # The key ring the SQLite runs use (created by the app's first start; empty if it never started).
  mkdir -p "$dir/data/keys"
  start=$(date +%s)
  dotnet src/UpworkAssist.Cli/bin/Release/net10.0/upwork-assist.dll store copy --from "Data Source=$db" --to "$pgconn" --keys "$dir/data/keys"
  echo "store copy: $(( $(date +%s) - start )) s"
  # What the SQLite generator's ANALYZE gives its store (and autovacuum a store in use).
  start=$(date +%s)
  psql -d "$pgdb" -v ON_ERROR_STOP=1 -qc "VACUUM ANALYZE"
  echo "VACUUM ANALYZE: $(( $(date +%s) - start )) s; database size $(psql -d "$pgdb" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  touch "$copied"
fi

server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

# Extra arguments are configuration. Polling off: nothing but the requests touches the store.
start_server() {
  # From the project directory, so the content root has wwwroot (static files).
  local store=(--ConnectionStrings:Default="Data Source=$db")
  [ "$current" = postgres ] && store=(--Storage:Provider=Postgres --ConnectionStrings:Default="$pgconn")
  (cd "$repo/src/UpworkAssist.Web" && exec dotnet bin/Release/net10.0/UpworkAssist.Web.dll --urls "$base" \
    "${store[@]}" --Storage:DataDirectory="$dir/data" --Upwork:AutoPoll=false \
    --Upwork:Mode=Demo "$@") > "$out/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do curl -fs "$base/healthz" > /dev/null 2>&1 && return 0; sleep 1; done
  echo "server did not start; see $out/server.log" >&2; exit 1
}

login() {
  local jar="$dir/cookies.txt"
  rm -f "$jar"
  local token
  token=$(curl -fs -c "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -fs -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "Input.Email=bench-admin@example.com" --data-urlencode "Input.Password=bench-password-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
  cookie=$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  for url in "$first_url" "$filtered_url"; do
    local code
    code=$(curl -s -o "$out/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$base$url")
    [ "$code" = 200 ] || { echo "GET $url with the login cookie answered $code, not 200" >&2; exit 1; }
    grep -q 'bench-admin\|Bench Admin' "$out/page.html" || echo "warning: $url does not show the signed-in user" >&2
    echo "$url: $(grep -o 'data-match="' "$out/page.html" | wc -l) rows, $(wc -c < "$out/page.html") bytes"
  done
}

rss_sampler() {
  while kill -0 "$server_pid" 2> /dev/null; do
    awk -v t="$(date +%s.%N)" '/VmRSS/ { print t, $2 }' "/proc/$server_pid/status" 2> /dev/null || true
    sleep 0.5
  done
}

# $1 label, $2 url, $3 duration
run_wrk() {
  # Warm-up: the tiered JIT recompiles hot methods with profile data during the first seconds of
  # load, and SQLite's page cache fills; the figures are for a server in its steady state.
  wrk -t2 -c16 -d"${WARMUP:-15}s" -s bench/queue-wrk.lua -H "Cookie: $cookie" "$base$2" > /dev/null
  echo "== $1: $2"
  echo "START $1 $(date +%s.%N)" >> "$out/windows.txt"
  wrk -t2 -c16 -d"$3" --latency -s bench/queue-wrk.lua -H "Cookie: $cookie" "$base$2" | tee "$out/wrk-$1.txt" | grep -E 'Latency|Req/Sec|50%|90%|99%|RESULT|Non-2xx'
  echo "END $1 $(date +%s.%N)" >> "$out/windows.txt"
}

measure() {
rm -f "$out/windows.txt"
start_server
echo "=== $current (uptime: $(uptime | sed 's/.*load/load/'))"
login
rss_sampler > "$out/rss.txt" &
sampler=$!
run_wrk static "$static_url" "$seconds"
run_wrk first "$first_url" "$seconds"
run_wrk filtered "$filtered_url" "$seconds"
# One connection: the time of a request that does not wait for the others.
for u in "$static_url" "$first_url" "$filtered_url"; do
  echo "== one connection: $u"
  wrk -t1 -c1 -d10s -s bench/queue-wrk.lua -H "Cookie: $cookie" "$base$u" | grep RESULT
done
sleep 2
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
rss_after=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
kill "$sampler" 2> /dev/null || true
stop_server

python3 - "$out" "$hwm" "$rss_after" "$static_url" "$first_url" "$filtered_url" <<'PY'
import datetime, re, sys
d, hwm, rss_after, *urls = sys.argv[1:]
labels = ["static", "first", "filtered"]
res = {}
for l in labels:
    m = re.search(r"RESULT (.*)", open(f"{d}/wrk-{l}.txt").read())
    res[l] = {k: float(v) for k, v in (p.split("=") for p in m.group(1).split())}
samples = [(float(t), int(kb)) for t, kb in (line.split() for line in open(f"{d}/rss.txt") if line.strip())]
peak = max(kb for _, kb in samples)
# Server time: Elapsed of the request log lines inside each wrk window.
windows = {}
for line in open(f"{d}/windows.txt"):
    kind, label, t = line.split()
    windows.setdefault(label, {})[kind] = float(t)
elapsed = {l: [] for l in labels}
day = datetime.datetime.now(datetime.timezone.utc).date()
for line in open(f"{d}/server.log"):
    m = re.match(r"\[(\d\d):(\d\d):(\d\d) INF\] HTTP GET (\S+) responded \d+ in ([\d.]+) ms", line)
    if not m: continue
    t = datetime.datetime(day.year, day.month, day.day, int(m[1]), int(m[2]), int(m[3]), tzinfo=datetime.timezone.utc).timestamp()
    for l in labels:
        w = windows.get(l, {})
        # whole seconds inside the window only: the log has one-second timestamps
        if w and w["START"] + 1 <= t and t + 1 <= w["END"]:
            elapsed[l].append(float(m[5]))
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")
print()
print(f"| URL | req/s | wrk p50 ms | wrk p95 ms | wrk p99 ms | server p50 ms | server p95 ms | req/s vs static |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
for l, u in zip(labels, urls):
    r = res[l]
    print(f"| `{u}` | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {pct(elapsed[l], 50):.1f} | {pct(elapsed[l], 95):.1f} | {r['rps'] / res['static']['rps']:.3f} |")
print(f"\nerrors: " + ", ".join(f"{l} {res[l]['errors']:.0f}" for l in labels))
print(f"server RSS: peak sampled {peak / 1024:.0f} MB, VmHWM {int(hwm) / 1024:.0f} MB, after the run {int(rss_after) / 1024:.0f} MB ({len(samples)} samples)")
print(f"server-time samples (request log): " + ", ".join(f"{l} {len(elapsed[l])}" for l in labels))
PY
}

for current in $providers; do
  out="$dir/$current"; mkdir -p "$out"
  measure
done
