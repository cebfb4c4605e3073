-- A fenced session write (RedisSessionStore, docs/adr/0012): all changes or none.
-- KEYS[1] the session's key now, KEYS[2] the key it was saved under (they differ after
-- a session id change, e.g. at login).
-- ARGV[1] 'new' | 'existing', [2] deadline (epoch ms, 0 = none), [3] ttl ms, or '' when
-- the stored one still holds, [4] created ms, [5] accessed ms, [6] number of changes n,
-- then per change: name, the version it was read at (0 = never written),
-- 's' (set) | 'd' (delete), value.
-- Answers {version} when written, {-1} session gone, {-2} deadline passed,
-- {-3, field, value, ...} an attribute changed since it was read (with the session now),
-- {-4} a new session's id is taken.
-- The TTL is left alone unless the timeout changed: the read that began the request
-- extended it if it was due (session-read.lua), and RENAME keeps it.
local key, saved, mode = KEYS[1], KEYS[2], ARGV[1]

local deadline = tonumber(ARGV[2])
if deadline > 0 then
  -- the store's clock, inside the write: no gap between the check and the change
  local now = redis.call('TIME')
  if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > deadline then
    return {-2}
  end
end

local n = tonumber(ARGV[6])
local source = key
if mode == 'existing' then
  source = saved
  -- every stored session has @seq, so one HMGET tells whether it exists and gives
  -- the version of every attribute the write changes
  local wanted = {'@seq'}
  for i = 0, n - 1 do
    wanted[#wanted + 1] = 'v:' .. ARGV[7 + i * 4]
  end
  local current = redis.call('HMGET', saved, unpack(wanted))
  if not current[1] then
    return {-1}
  end
  for i = 0, n - 1 do
    if tonumber(current[2 + i] or '0') ~= tonumber(ARGV[8 + i * 4]) then
      local fields = redis.call('HGETALL', saved)
      table.insert(fields, 1, -3)
      return fields
    end
  end
elseif redis.call('EXISTS', key) == 1 then
  return {-4}
end

if source ~= key then
  redis.call('RENAME', source, key)
end
local version = redis.call('HINCRBY', key, '@seq', 1)
local set, deleted = {}, {}
if mode == 'new' then
  table.insert(set, '@created')
  table.insert(set, ARGV[4])
  table.insert(set, '@accessed')
  table.insert(set, ARGV[5])
end
if ARGV[3] ~= '' then
  table.insert(set, '@ttl')
  table.insert(set, ARGV[3])
end
for i = 0, n - 1 do
  local name, op = ARGV[7 + i * 4], ARGV[9 + i * 4]
  if op == 's' then
    table.insert(set, 'a:' .. name)
    table.insert(set, ARGV[10 + i * 4])
  else
    table.insert(deleted, 'a:' .. name)
  end
  table.insert(set, 'v:' .. name)
  table.insert(set, version)
end
if #deleted > 0 then
  redis.call('HDEL', key, unpack(deleted))
end
if #set > 0 then
  redis.call('HSET', key, unpack(set))
end
if ARGV[3] ~= '' then
  local ttl = tonumber(ARGV[3])
  if ttl > 0 then
    redis.call('PEXPIRE', key, ttl)
  elseif mode == 'existing' then
    redis.call('PERSIST', key)
  end
end
return {version}
