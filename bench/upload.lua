-- wrk script: POSTs one JPEG as the raw body of an upload, each time with other bytes after the image's end, so that
-- every request is a new item (its SHA-256 differs; the service drops what follows the image). Arguments after "--":
-- the JPEG file, the path with its query, the token.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

function init(args)
    local file = assert(io.open(args[1], "rb"))
    body = file:read("*a")
    file:close()
    path = args[2]
    headers = { ["Content-Type"] = "image/jpeg", ["Authorization"] = "Bearer " .. args[3] }
    sent = 0
end

function request()
    sent = sent + 1
    return wrk.format("POST", path, headers, body .. string.format("%d-%d-%d", os.time(), id, sent))
end

function done(summary, latency, requests_)
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
        summary.requests, summary.duration / 1e6, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
