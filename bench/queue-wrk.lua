-- wrk script for bench/queue-wrk.sh.
-- Cookies: like a browser, a renewed sign-in cookie (Set-Cookie, sent when the security stamp is
-- re-checked, every minute) replaces the old one; without this every request after the first
-- minute would re-check the stamp, which no browser causes.
-- Report: one parseable line with the percentiles wrk --latency does not print (p95) and the
-- request rate. Latencies are in microseconds.
local req

request = function()
  if not req then req = wrk.format() end
  return req
end

response = function(status, headers, body)
  local set = headers["Set-Cookie"]
  if not set then return end
  local name, value = set:match("^%s*([^=;]+)=([^;]*)")
  if not name then return end
  local cookie = wrk.headers["Cookie"] or ""
  local replaced, n = cookie:gsub("(" .. name:gsub("%p", "%%%0") .. ")=[^;]*", "%1=" .. value:gsub("%%", "%%%%"))
  if n == 0 then replaced = (cookie ~= "" and (cookie .. "; ") or "") .. name .. "=" .. value end
  wrk.headers["Cookie"] = replaced
  req = nil
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors))
end
