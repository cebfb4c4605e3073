package io.statewise.session.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Sessions in Redis, one hash per session: {@code a:<name>} holds an attribute
 * (JDK-serialized, as Spring Session does), {@code v:<name>} the version it was last
 * written at, {@code @seq} the session's version counter, {@code @created},
 * {@code @accessed} and {@code @ttl} the rest. Versions come from the counter, so they
 * never repeat (a removed attribute keeps its version as a tombstone: no ABA).
 *
 * <p>
 * Why not Spring Session's {@code RedisSessionRepository}: it saves with plain
 * {@code HMSET}, so a request that read the session long ago overwrites whatever was
 * written since, and it needs four commands in three round trips to read a session. Here
 * a read is one script, one round trip ({@code session-read.lua}), a write one script
 * that checks every version and the deadline and applies all changes atomically
 * ({@code session-write.lua}).
 *
 * <p>
 * A read extends the session's life only when more than the refresh fraction of its
 * timeout has passed since it was last extended ({@code @accessed} is that moment, not
 * the last request): most reads then run a single {@code HGETALL} and write nothing, so
 * there is nothing to replicate, persist or wait for. The price is that a session expires
 * between {@code (1 - fraction) x timeout} and {@code timeout} after its last request,
 * never later (docs/adr/0012); the fraction is measured on the instances' clocks, so a
 * skew between them adds to the early side.
 */
public final class RedisSessionStore extends SessionStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> READ = RedisScript
		.of(new ClassPathResource("io/statewise/session/store/session-read.lua"), List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> WRITE = RedisScript
		.of(new ClassPathResource("io/statewise/session/store/session-write.lua"), List.class);

	private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

	private final RedisTemplate<String, byte[]> redis;

	private final String prefix;

	private final RedisSerializer<Object> values;

	private final @Nullable ReplicaAcknowledgement durable;

	private final byte[] refreshFraction;

	RedisSessionStore(RedisTemplate<String, byte[]> redis, String namespace, Duration timeout, double refreshFraction,
			MeterRegistry meters, @Nullable ReplicaAcknowledgement durable) {
		super(timeout, meters, "redis");
		this.redis = redis;
		this.prefix = namespace + ":fenced:";
		this.values = new JdkSerializationRedisSerializer(getClass().getClassLoader());
		this.refreshFraction = text(Double.toString(refreshFraction));
		this.durable = durable;
	}

	@Override
	@Nullable FencedSession load(String id, boolean touch) {
		List<?> fields = touch ? run(READ, List.of(key(id)), number(System.currentTimeMillis()), this.refreshFraction)
				: flatten(this.redis.opsForHash().entries(key(id)));
		return (fields == null || fields.isEmpty()) ? null : session(id, fields);
	}

	@Override
	long write(FencedSession session, Map<String, ? extends @Nullable Object> changes, Map<String, Long> basedOn,
			long deadline) {
		String savedId = session.savedId();
		List<byte[]> args = new ArrayList<>();
		args.add(text((savedId != null) ? "existing" : "new"));
		args.add(number(deadline));
		args.add(session.timeoutUnsaved() ? number(session.getMaxInactiveInterval().toMillis()) : new byte[0]);
		args.add(number(session.getCreationTime().toEpochMilli()));
		args.add(number(session.getLastAccessedTime().toEpochMilli()));
		args.add(number(changes.size()));
		changes.forEach((name, value) -> {
			args.add(text(name));
			args.add(number(basedOn.getOrDefault(name, 0L)));
			args.add(text((value != null) ? "s" : "d"));
			args.add((value != null) ? this.values.serialize(value) : new byte[0]);
		});
		List<String> keys = List.of(key(session.getId()), key((savedId != null) ? savedId : session.getId()));
		List<?> answer = (this.durable != null) ? this.durable.write(WRITE, keys, args.toArray())
				: run(WRITE, keys, args.toArray());
		long status = (answer != null && !answer.isEmpty()) ? (Long) answer.get(0) : -1;
		if (status == -3) {
			Fields current = parse(answer.subList(1, answer.size()));
			session.refresh(current.attributes(), current.versions());
			throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.STALE);
		}
		if (status == -2) {
			throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.LATE);
		}
		if (status < 0) {
			throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.GONE);
		}
		return status;
	}

	/** Runs a script; its answer's strings stay bytes, its integers become longs. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private @Nullable List<?> run(RedisScript<List> script, List<String> keys, Object... args) {
		return this.redis.execute(script, BYTES, (RedisSerializer) BYTES, keys, args);
	}

	@Override
	void delete(String id) {
		this.redis.delete(key(id));
	}

	private String key(String id) {
		return this.prefix + id;
	}

	private FencedSession session(String id, List<?> fields) {
		Fields parsed = parse(fields);
		Map<String, String> meta = parsed.meta();
		return new FencedSession(id, instant(meta.get("@created")), instant(meta.get("@accessed")),
				Duration.ofMillis(Long.parseLong(meta.getOrDefault("@ttl", "0"))), parsed.attributes(),
				parsed.versions(), this, true);
	}

	private Fields parse(List<?> fields) {
		Fields parsed = new Fields(new HashMap<>(), new HashMap<>(), new HashMap<>());
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			String field = new String((byte[]) fields.get(i), StandardCharsets.UTF_8);
			byte[] value = (byte[]) fields.get(i + 1);
			if (field.startsWith("a:")) {
				parsed.attributes().put(field.substring(2), this.values.deserialize(value));
			}
			else if (field.startsWith("v:")) {
				parsed.versions().put(field.substring(2), Long.parseLong(new String(value, StandardCharsets.UTF_8)));
			}
			else {
				parsed.meta().put(field, new String(value, StandardCharsets.UTF_8));
			}
		}
		return parsed;
	}

	/** A session hash, split into attributes, their versions and the rest. */
	private record Fields(Map<String, Object> attributes, Map<String, Long> versions, Map<String, String> meta) {

	}

	private static List<byte[]> flatten(Map<Object, Object> hash) {
		List<byte[]> fields = new ArrayList<>();
		hash.forEach((field, value) -> {
			fields.add(text((String) field));
			fields.add((byte[]) value);
		});
		return fields;
	}

	private static Instant instant(@Nullable String millis) {
		return (millis != null) ? Instant.ofEpochMilli(Long.parseLong(millis)) : Instant.EPOCH;
	}

	private static byte[] number(long value) {
		return text(Long.toString(value));
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
