#!/usr/bin/env bash
# Feed integrity figures (issue 15), measured by the end-to-end tests that produce them:
#  - postings missed after a crash during a burst with renewals (goal 0), against the fake
#    marketplace over HTTP;
#  - publish -> Slack delivered p95 of fresh postings while a 300-alert catch-up is sent
#    (goal: within the poll interval + 5 s), against the fake Slack over HTTP.
# Both run on the fake clock, so the figures are the scheduler's, not this machine's speed.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -srm)"
dotnet test tests/UpworkAssist.Web.Tests -c Release \
  --filter "FullyQualifiedName~FeedIntegrityTests.A_crash_during_a_burst|FullyQualifiedName~FreshFirstTests.Fresh_matches|FullyQualifiedName~FreshFirstTests.Without_fresh_first" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "postings missed|fresh publish|Passed!|Failed!|Total tests"
