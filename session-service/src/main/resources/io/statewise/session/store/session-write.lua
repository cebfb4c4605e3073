-- A fenced session write (RedisSessionStore, docs/adr/0012): all changes or none.
-- KEYS[1] the session's key now, KEYS[2] the key it was saved under (they differ after
-- a session id change, e.g. at login).
-- ARGV[1] 'new' | 'existing', [2] deadline (epoch ms, 0 = none), [3] ttl ms,
-- [4] created ms, [5] accessed ms, [6] number of changes n, then per change:
-- name, the version it was read at (0 = never written), 's' (set) | 'd' (delete), value.
-- Answers {version} when written, {-1} session gone, {-2} deadline passed,
-- {-3, field, value, ...} an attribute changed since it was read (with the session now),
-- {-4} a new session's id is taken.
local key, saved, mode = KEYS[1], KEYS[2], ARGV[1]

local deadline = tonumber(ARGV[2])
if deadline > 0 then
  -- the store's clock, inside the write: no gap between the check and the change
  local now = redis.call('TIME')
  if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > deadline then
    return {-2}
  end
end

local source = key
if mode == 'existing' then
  source = saved
  if redis.call('EXISTS', saved) == 0 then
    return {-1}
  end
elseif redis.call('EXISTS', key) == 1 then
  return {-4}
end

local n = tonumber(ARGV[6])
for i = 0, n - 1 do
  local name, read_at = ARGV[7 + i * 4], tonumber(ARGV[8 + i * 4])
  local current = tonumber(redis.call('HGET', source, 'v:' .. name) or '0')
  if current ~= read_at then
    local fields = redis.call('HGETALL', source)
    table.insert(fields, 1, -3)
    return fields
  end
end

if source ~= key then
  redis.call('RENAME', source, key)
end
local version = redis.call('HINCRBY', key, '@seq', 1)
if mode == 'new' then
  redis.call('HSET', key, '@created', ARGV[4], '@accessed', ARGV[5])
end
redis.call('HSET', key, '@ttl', ARGV[3])
for i = 0, n - 1 do
  local name, op = ARGV[7 + i * 4], ARGV[9 + i * 4]
  if op == 's' then
    redis.call('HSET', key, 'a:' .. name, ARGV[10 + i * 4], 'v:' .. name, version)
  else
    redis.call('HDEL', key, 'a:' .. name)
    redis.call('HSET', key, 'v:' .. name, version)
  end
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('PEXPIRE', key, ttl)
end
return {version}
