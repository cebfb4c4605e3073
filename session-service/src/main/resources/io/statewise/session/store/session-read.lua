-- Reads a session in one round trip and, when it is due, extends its life
-- (RedisSessionStore, docs/adr/0012).
-- KEYS[1] the session hash; ARGV[1] now, epoch ms; ARGV[2] the refresh fraction f.
-- @accessed is when the TTL was last set. Only a read more than f x @ttl after it sets
-- the TTL again, so most reads write nothing (nothing to replicate or persist) and a
-- session expires between (1 - f) x @ttl and @ttl after its last request.
local fields = redis.call('HGETALL', KEYS[1])
local ttl, accessed, at
for i = 1, #fields, 2 do
  if fields[i] == '@ttl' then
    ttl = tonumber(fields[i + 1])
  elseif fields[i] == '@accessed' then
    accessed, at = tonumber(fields[i + 1]), i + 1
  end
end
if ttl and ttl > 0 then
  local now = tonumber(ARGV[1])
  if accessed == nil or now - accessed >= ttl * tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[1], '@accessed', ARGV[1])
    redis.call('PEXPIRE', KEYS[1], ttl)
    if at then
      fields[at] = ARGV[1]
    end
  end
end
return fields
