#!/usr/bin/env bash
# Times `upwork-assist match` (Release build, process start, JSON parsing and output included)
# against ripgrep finding every keyword occurrence in the same text (RULES.md "Speed"),
# alternating the two in one run, and prints both medians and the ratio match/rg (goal <= 0.5).
#
# Usage: bench/match-vs-ripgrep.sh [RUNS] [JOBS]     (defaults: 5 runs, 100000 jobs)
# Needs: dotnet, rg (Debian package ripgrep). The corpus goes to bench/out/ (gitignored).
set -euo pipefail

runs="${1:-5}"
jobs="${2:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
cli="$root/src/UpworkAssist.Cli/bin/Release/net10.0/upwork-assist.dll"
gen="$root/bench/UpworkAssist.Benchmarks/bin/Release/net10.0/UpworkAssist.Benchmarks.dll"

command -v rg >/dev/null || { echo "ripgrep (rg) is not installed: apt-get install -y ripgrep" >&2; exit 1; }

dotnet build -c Release "$root/src/UpworkAssist.Cli" -nologo -v q >/dev/null
dotnet build -c Release "$root/bench/UpworkAssist.Benchmarks" -nologo -v q >/dev/null

if [[ ! -f "$out/jobs.json" || "$(cat "$out/.jobs" 2>/dev/null)" != "$jobs" ]]; then
    dotnet "$gen" --corpus "$out" "$jobs"
    echo "$jobs" > "$out/.jobs"
fi

cd "$out"
match_cmd=(dotnet "$cli" match --lanes lanes.json --jobs jobs.json --now 2026-11-28T00:00:00Z)
rg_cmd=(rg -o -F -i -w -f KEYWORDS TEXTS)

seconds() { # runs "$@" with stdout to /dev/null, prints wall seconds
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One warm-up of each fills the page cache.
"${match_cmd[@]}" > /dev/null
"${rg_cmd[@]}" > /dev/null || true

match_times=()
rg_times=()
for ((i = 1; i <= runs; i++)); do
    m=$(seconds "${match_cmd[@]}")
    r=$(seconds "${rg_cmd[@]}")
    match_times+=("$m")
    rg_times+=("$r")
    echo "run $i: match ${m}s  rg ${r}s"
done

match_median=$(printf '%s\n' "${match_times[@]}" | median)
rg_median=$(printf '%s\n' "${rg_times[@]}" | median)
ratio=$(echo "scale=3; $match_median / $rg_median" | bc)
echo "jobs: $jobs  lanes: $(grep -c '"id"' lanes.json)  keywords (union): $(wc -l < KEYWORDS)  text: $(du -h TEXTS | cut -f1)"
echo "match median: ${match_median}s"
echo "rg    median: ${rg_median}s"
echo "ratio match/rg: $ratio (goal <= 0.5)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name:[[:space:]]*//')"
