-- Reads a session and records the access in one round trip (RedisSessionStore).
-- KEYS[1] the session hash; ARGV[1] now, epoch ms
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return fields
end
for i = 1, #fields, 2 do
  if fields[i] == '@ttl' then
    local ttl = tonumber(fields[i + 1])
    if ttl and ttl > 0 then
      redis.call('HSET', KEYS[1], '@accessed', ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ttl)
    end
  end
end
return fields
