package io.statewise.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One-shot Redis commands over a fresh socket with a hard timeout, for health checks and
 * topology queries. Deliberately not Lettuce: a probe must never share a connection or an
 * event loop with the clients it observes, and must give up on a frozen server within its
 * timeout, which a plain socket with {@code SO_TIMEOUT} does in a few lines.
 */
public final class RedisProbe {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1000);

	private RedisProbe() {
	}

	public static boolean ping(int port) {
		try {
			return "PONG".equals(command(port, DEFAULT_TIMEOUT, "PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The {@code INFO <section>} reply as key/value pairs. */
	public static Map<String, String> info(int port, String section) throws IOException {
		Object reply = command(port, DEFAULT_TIMEOUT, "INFO", section);
		Map<String, String> info = new LinkedHashMap<>();
		for (String line : String.valueOf(reply).split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				info.put(line.substring(0, colon), line.substring(colon + 1));
			}
		}
		return info;
	}

	/** Sends one command and returns its reply: String, Long, List or null. */
	public static @Nullable Object command(int port, Duration timeout, String... args) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(encode(args));
			out.flush();
			return read(new BufferedInputStream(socket.getInputStream()));
		}
	}

	private static byte[] encode(String... args) {
		StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			resp.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
		}
		return resp.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable Object read(InputStream in) throws IOException {
		int type = in.read();
		String line = readLine(in);
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new IOException("Redis error: " + line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				List<@Nullable Object> items = new ArrayList<>(Math.max(count, 0));
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				return items;
			}
			default:
				throw new IOException("Unexpected Redis reply type " + type);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != '\r') {
			if (b == -1) {
				throw new IOException("Connection closed by Redis");
			}
			line.write(b);
		}
		in.read();
		return line.toString(StandardCharsets.UTF_8);
	}

}
