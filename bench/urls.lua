-- wrk script: request paths from a file in turn, each thread from its own
-- starting point, so a run spreads over many pages instead of repeating one.
--   URLS=bench/out/urls-event.txt wrk -s bench/urls.lua http://127.0.0.1:3999
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  paths = {}
  local file = os.getenv("URLS")
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = (offset or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
