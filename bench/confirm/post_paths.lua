-- wrk script: POST to each path in a file once, in order, with a CSRF cookie and header,
-- then print the exact figures as one JSON line.
local paths = {}
local next_index = 0
local csrf = string.rep("b", 32)

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
end

function request()
  next_index = next_index + 1
  -- Past the end, repeat the last path: a duplicate the app must refuse, counted as an error.
  local path = paths[math.min(next_index, #paths)]
  return wrk.format("POST", path, {
    ["Cookie"] = "csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "")
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
