-- wrk script: each request takes a random line of the file named after "--": a path, then optional headers after tabs
-- ("Accept: text/csv", "If-None-Match: \"...\""). Seeded per thread, so runs vary ids and query strings alike.
local requests = {}
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
end

function init(args)
    math.randomseed(os.time() * 100 + (seed or 0))
    for line in io.lines(args[1]) do
        local fields = {}
        for field in line:gmatch("[^\t]+") do
            fields[#fields + 1] = field
        end
        local headers = {}
        for i = 2, #fields do
            local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
            headers[name] = value
        end
        requests[#requests + 1] = wrk.format("GET", fields[1], headers)
    end
end

function request()
    return requests[math.random(#requests)]
end

function done(summary, latency, requests_)
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
        summary.requests, summary.duration / 1e6, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
