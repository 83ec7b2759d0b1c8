-- wrk script for the realistic mix (bench/http.sh): readers and partner mirrors at once.
-- Args after "--": ids file (article paths, most read first), list URLs file, feed cursor, sync token.
--   50 % article by id, drawn Zipf-like (s = 1) over every published article;
--   35 % a list URL, drawn evenly over publishers x regions x categories x locales;
--   15 % a sync page for one of 16 mirrors (8 per thread), each following the feed from its own cursor;
--   Accept-Encoding: gzip on half of the reads (mirrors read plain JSON: they parse it).
local articles, cumulative, lists = {}, {}, {}
local mirrors, waiting = {}, {}
local token
local threads = {}
answers, hits = 0, 0

function setup(thread)
    threads[#threads + 1] = thread
    thread:set("seed", #threads)
end

function init(args)
    math.randomseed(os.time() * 100 + (seed or 0))
    local total = 0
    for line in io.lines(args[1]) do
        articles[#articles + 1] = line
        total = total + 1 / #articles
        cumulative[#articles] = total
    end
    for line in io.lines(args[2]) do
        lists[#lists + 1] = line
    end
    token = args[4]
    for i = 1, 8 do
        mirrors[i] = { cursor = args[3], busy = false }
    end
end

local function zipf()
    local u = math.random() * cumulative[#cumulative]
    local low, high = 1, #cumulative
    while low < high do
        local middle = math.floor((low + high) / 2)
        if cumulative[middle] < u then low = middle + 1 else high = middle end
    end
    return articles[low]
end

local function read(path)
    if math.random() < 0.5 then
        return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip" })
    end
    return wrk.format("GET", path)
end

function request()
    local r = math.random()
    if r < 0.15 then
        for i = 1, #mirrors do
            local mirror = mirrors[(i + math.floor(r * 1000)) % #mirrors + 1]
            if not mirror.busy then
                mirror.busy = true
                waiting[#waiting + 1] = mirror
                return wrk.format("GET", "/api/v1/sync/articles?limit=20&cursor=" .. mirror.cursor,
                    { Authorization = "Bearer " .. token })
            end
        end
    end
    if r < 0.65 then
        return read(zipf())
    end
    return read(lists[math.random(#lists)])
end

-- Answers on a thread come back in the order its connections finish, not the order asked: a sync answer advances
-- whichever mirror has waited longest. Every mirror still follows an unbroken chain of cursors.
function response(status, headers, body)
    answers = answers + 1
    local timing = headers["Server-Timing"] or headers["server-timing"]
    if timing ~= nil and timing:find('cache;desc="hit"', 1, true) then
        hits = hits + 1
    end
    if #waiting == 0 or body == nil then
        return
    end
    -- Only sync pages say hasMore, last, after their nextCursor (a list page has a nextCursor too); a problem is short.
    -- Only the end of a body is read: scanning every article and list body in full cost this client as much CPU as
    -- the service spends on a constant request, taken from the same two cores.
    local tail = body:sub(-256)
    local gone = #body < 2048 and body:find("/problems/cursor-gone", 1, true) ~= nil
    if not gone and not tail:find('"hasMore"', 1, true) then
        return
    end
    local cursor = tail:match('"nextCursor":"([^"]+)"')
    local mirror = table.remove(waiting, 1)
    mirror.busy = false
    if cursor ~= nil then
        mirror.cursor = cursor
    end
end

function done(summary, latency, requests_)
    local errors = summary.errors
    local all, cached = 0, 0
    for _, thread in ipairs(threads) do
        all = all + thread:get("answers")
        cached = cached + thread:get("hits")
    end
    io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f"
        .. " p999_ms=%.3f max_ms=%.3f cache_hit_percent=%.1f\n",
        summary.requests, summary.duration / 1e6, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
        latency.max / 1000, all > 0 and 100 * cached / all or 0))
end
