-- One wrk script for every HTTP figure of the benchmark; bench/run sets it up through the environment
-- so the service and the nginx yardstick get byte-for-byte the same requests:
--   BENCH_METHOD    GET or POST
--   BENCH_BODY      request body (sent as application/json) or empty
--   BENCH_SID       X-Session-ID (the yardstick ignores it; it is sent to both all the same)
--   BENCH_DELAY_MS  pause between a response and the next request on a connection (light load), or 0
-- done() prints one line "BENCH_JSON {...}" that bench/lib/tool.py reads: counts, errors (wrk counts a
-- non-2xx/3xx answer as a "status" error) and latency percentiles in microseconds.

local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local sid = os.getenv("BENCH_SID") or ""
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0") or 0

wrk.method = method
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if sid ~= "" then
  wrk.headers["X-Session-ID"] = sid
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max, latency.stdev,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
