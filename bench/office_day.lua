-- The office day mix (bench/office_day.py writes the requests): reads in turn, every n-th request a write.
-- Each wrk thread takes every t-th write of the file, so no write is sent twice; when a thread has used up
-- its writes it sends reads only (done() says how many writes were sent and how many were left).
local threads = {}
local counter = 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local parts = {}
  for part in (line .. "\t"):gmatch("([^\t]*)\t") do table.insert(parts, part) end
  return parts
end

init = function(args)
  local file, every, nthreads = args[1], tonumber(args[2]), tonumber(args[3])
  reads, writes, n, every_nth = {}, {}, 0, every
  local w = 0
  for line in io.lines(file) do
    local p = split(line)
    local headers = {["Cookie"] = p[4]}
    if p[1] == "r" then
      if p[5] == "1" then headers["HX-Request"] = "true" end
      table.insert(reads, wrk.format("GET", p[3], headers))
    else
      if w % nthreads == id then
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        table.insert(writes, wrk.format("POST", p[3], headers, p[5]))
      end
      w = w + 1
    end
  end
  next_read, next_write, sent, left_over = 1, 1, 0, #writes
end

request = function()
  n = n + 1
  if n % every_nth == 0 and next_write <= #writes then
    local r = writes[next_write]
    next_write = next_write + 1
    sent = sent + 1
    left_over = #writes - sent
    return r
  end
  local r = reads[next_read]
  next_read = next_read % #reads + 1
  return r
end

done = function(summary, latency, requests)
  local total_sent, total_left = 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_left = total_left + (thread:get("left_over") or 0)
  end
  io.write(string.format("PERCENTILES p50=%d p95=%d p99=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  io.write(string.format("WRITES sent=%d left=%d\n", total_sent, total_left))
end
