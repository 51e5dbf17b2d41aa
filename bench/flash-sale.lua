-- The flash-sale buyers for wrk: every request is a one-ticket order (its own Idempotency-Key)
-- for the event in CONFIG, by one of its accounts in turn. In "checkout" mode each 201 hold is then
-- paid (POST /orders/{id}/pay with the test provider) before the connection asks for another
-- hold. A thread stops at the first sold-out answer. wrk's own duration is always its -d (its
-- main thread sleeps that long whatever the threads do), so the sale's is timed here: from the
-- first request to the last 201, by the monotonic clock in milliseconds (LuaJIT's FFI).
--
--   wrk -t2 -c256 -d30s --latency -s bench/flash-sale.lua URL -- CONFIG hold|checkout RESULT
--
-- CONFIG (written by java bench/FlashSale.java setup): the event id, the ticket type id, then one
-- "token account-id" line per buyer account. RESULT gets one line per second and status with
-- the count of answers ("second status count"), and "checkouts N" in checkout mode.

local threads = {}
local counter = 0

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local now_buffer = ffi.new("bench_timespec")
local function now_ms() -- CLOCK_MONOTONIC: the same clock in every thread
  ffi.C.clock_gettime(1, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  config, mode, result = args[1], args[2] or "hold", args[3]
  local file = assert(io.open(config))
  event = file:read("*l")
  ticket_type = file:read("*l")
  tokens, token_of = {}, {}
  for line in file:lines() do
    local token, account = line:match("^(%S+) (%S+)$")
    table.insert(tokens, token)
    token_of[account] = token
  end
  file:close()
  hold_body = '{"eventId":"' .. event .. '","items":[{"ticketTypeId":"' .. ticket_type .. '","quantity":1}]}'
  pay_body = '{"paymentMethod":"test_ok"}'
  prefix = string.format("%d-%d-", os.time(), id)
  sent, to_pay, checkouts = 0, {}, 0
  seconds = {}
  first_ms, last_ok_ms = 0, 0
end

function request()
  local headers = { ["Content-Type"] = "application/json" }
  if sent == 0 then
    first_ms = now_ms()
  end
  sent = sent + 1
  headers["Idempotency-Key"] = prefix .. sent
  local payment = table.remove(to_pay)
  if payment then
    headers["Authorization"] = "Bearer " .. payment[2]
    return wrk.format("POST", "/api/v1/orders/" .. payment[1] .. "/pay", headers, pay_body)
  end
  headers["Authorization"] = "Bearer " .. tokens[(sent + id) % #tokens + 1]
  return wrk.format("POST", "/api/v1/orders", headers, hold_body)
end

function response(status, headers, body)
  local second = os.time()
  local key = second .. " " .. status
  seconds[key] = (seconds[key] or 0) + 1
  if status == 201 then
    last_ok_ms = now_ms()
  end
  if status == 201 and mode == "checkout" then
    local order = body:match('^{"id":"([^"]+)"')
    local buyer = body:match('"buyerId":"([^"]+)"')
    table.insert(to_pay, { order, token_of[buyer] })
  elseif status == 200 and body:find('"status":"CONFIRMED"', 1, true) then
    checkouts = checkouts + 1
  elseif status == 409 and body:find("/sold-out", 1, true) then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  -- done runs in wrk's main Lua state, which init never saw: the file name comes from a thread
  local out = assert(io.open(threads[1]:get("result"), "w"))
  local checkouts_total, first, last = 0, nil, 0
  for _, thread in ipairs(threads) do
    local started = thread:get("first_ms")
    if started > 0 and (first == nil or started < first) then
      first = started
    end
    last = math.max(last, thread:get("last_ok_ms"))
    for key, count in pairs(thread:get("seconds")) do
      out:write(key, " ", count, "\n")
    end
    checkouts_total = checkouts_total + thread:get("checkouts")
  end
  out:write("checkouts ", checkouts_total, "\n")
  out:write("duration_us ", summary.duration, "\n")
  -- from the first request to the last acknowledged ticket; wrk's duration when none was
  out:write("sale_us ", (first and last > first) and string.format("%d", (last - first) * 1000) or summary.duration, "\n")
  out:write("errors ", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, "\n")
  for _, p in ipairs({ 50, 90, 99 }) do
    out:write("latency_p", p, "_us ", latency:percentile(p), "\n")
  end
  out:write("latency_p100_us ", latency.max, "\n")
  out:close()
end
