-- wrk report: request count, errors and the latency percentiles the docs quote (wrk's own
-- --latency output has no p95). The cookie comes from the COOKIE environment variable.
dofile("bench/wrk-cookies.lua")
local cookie = os.getenv("COOKIE")
if cookie then
  wrk.headers["Cookie"] = cookie
end

local bad = 0
response = function(status, headers, body)
  keep_cookies(headers)
  if status ~= 200 then
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  local ms = function(us) return string.format("%.1f", us / 1000) end
  io.write(string.format("requests %d in %.1f s (%.0f/s), errors %d, non-200 %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status, bad))
  io.write(string.format("latency ms: p50 %s  p90 %s  p95 %s  p99 %s  max %s\n",
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(95)), ms(latency:percentile(99)), ms(latency.max)))
end
