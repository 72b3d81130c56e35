-- wrk script of bench/run.sh: cycles through a file of request paths (one URL-encoded
-- /api/search?... per line), each thread from its own offset, and prints one JSON line of
-- results at the end (requests, duration, latency percentiles in microseconds, errors).
--   wrk -t 2 -c 64 -d 10s -s wrk-queries.lua http://127.0.0.1:PORT -- paths.txt

local paths = {}
local counter = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  -- thread_number is set by setup() before init() runs in the thread
  counter = (tonumber(thread_number) or 0) * 997
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    e.status, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max))
end
