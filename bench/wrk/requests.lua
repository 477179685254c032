-- wrk script: cycle through a list of requests, and print the result as one JSON line.
--
--   wrk -t2 -c16 -d10s -s bench/wrk/requests.lua http://127.0.0.1:PORT -- REQUESTS_FILE THREADS [START]
--
-- REQUESTS_FILE has one request a line: "GET /path" or "POST /path BODY_FILE" (the body is read once,
-- sent with the headers given by -H). Thread n of THREADS starts at the n-th slice of the list, moved on
-- by START (so that runs one after another need not ask for the same things), and walks the list in
-- order, wrapping around.
-- done() prints "BENCH-RESULT {json}": counts, bytes, errors (status counts answers of 400 or more) and
-- latency percentiles in microseconds.

local counter = 0
local built = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

local function read_all(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local method, path, body_file = line:match("^(%u+)%s+(%S+)%s*(%S*)$")
    if method then
      local body = nil
      if body_file ~= "" then
        body = read_all(body_file)
      end
      built[#built + 1] = wrk.format(method, path, nil, body)
    end
  end
  file:close()
  assert(#built > 0, "no requests in " .. args[1])
  local threads = tonumber(args[2]) or 1
  local start = tonumber(args[3]) or 0
  counter = (start + math.floor((id - 1) * #built / threads)) % #built
end

function request()
  counter = counter % #built + 1
  return built[counter]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
