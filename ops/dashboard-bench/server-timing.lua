-- wrk script: collects the Server-Timing "app;dur=<ms>" of every response and prints the server-side
-- time percentiles (ms) at the end, one line: "server-time p50=<ms> p95=<ms> p99=<ms> n=<count>".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  samples = {}
end

function response(status, headers, body)
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if timing then
    local ms = timing:match("dur=([%d%.]+)")
    if ms then
      samples[#samples + 1] = tonumber(ms)
    end
  end
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for _, ms in ipairs(thread:get("samples")) do
      all[#all + 1] = ms
    end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p))]
  end
  io.write(string.format("server-time p50=%.2f p95=%.2f p99=%.2f n=%d\n", pct(0.50), pct(0.95), pct(0.99), #all))
end
