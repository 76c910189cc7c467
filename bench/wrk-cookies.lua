-- Shared by the wrk scripts (loaded with dofile from the repository root): cookies as a browser
-- keeps them. When the server renews the sign-in cookie (it re-checks the security stamp once a
-- minute and sends a fresh cookie), later requests carry the new one; without this, every
-- request after the first minute would repeat the stamp check, which no browser causes.
local req

request = function()
  if not req then req = wrk.format() end
  return req
end

function keep_cookies(headers)
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
