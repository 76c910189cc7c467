-- wrk script for bench/queue-wrk.sh (run from the repository root).
-- Report: one parseable line with the percentiles wrk --latency does not print (p95) and the
-- request rate. Latencies are in microseconds.
dofile("bench/wrk-cookies.lua")

response = function(status, headers, body)
  keep_cookies(headers)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors))
end
