-- wrk script for bench/analytics-wrk.sh: every request asks for a 90-day period (91 days on the
-- second thread) ending on a day no earlier request of the run used, within the two years of
-- data, so no report is ever in the cache: each is built from scratch, as the first view after a
-- change or of a new filter is. Keeps renewed cookies and reports like wrk-latency.lua.
dofile("bench/wrk-latency.lua")

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local n = 0
local base = os.time()

request = function()
  n = n + 1
  local days = 89 + (thread_id or 1)
  local to = base - (n % 600) * 86400
  local from = to - (days - 1) * 86400
  return wrk.format(nil, wrk.path .. "?from=" .. os.date("!%Y-%m-%d", from) .. "&to=" .. os.date("!%Y-%m-%d", to))
end
