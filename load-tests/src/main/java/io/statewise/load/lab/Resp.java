package io.statewise.load.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One Redis command over a new connection with short timeouts, and its reply (RESP 2): a
 * string, a number, a list of replies, or {@code null}. The lab asks Redis and the
 * Sentinels directly rather than through a client library: a frozen node must read as "no
 * answer" within the second, not hold up a sample or reconnect in the background.
 */
final class Resp {

	private Resp() {
	}

	/** The reply, or {@code null} when the node does not answer (in time) or errs. */
	static @Nullable Object command(int port, String... args) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
			socket.setSoTimeout(500);
			StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
			for (String arg : args) {
				request.append('$')
					.append(arg.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(arg)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static @Nullable Object read(InputStream in) throws IOException {
		String line = line(in);
		String rest = line.substring(1);
		return switch (line.charAt(0)) {
			case '+' -> rest;
			case ':' -> Long.parseLong(rest);
			case '$' -> {
				int length = Integer.parseInt(rest);
				if (length < 0) {
					yield null;
				}
				String bulk = new String(in.readNBytes(length), StandardCharsets.UTF_8);
				in.readNBytes(2);
				yield bulk;
			}
			case '*' -> {
				int count = Integer.parseInt(rest);
				List<@Nullable Object> items = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				yield (count < 0) ? null : items;
			}
			default -> throw new IOException("Redis answered an error: " + line);
		};
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new IOException("Connection closed mid-reply");
			}
			if (next != '\r') {
				line.append((char) next);
			}
		}
		return line.toString();
	}

	/** A field of an {@code INFO} section ({@code total_commands_processed}). */
	static @Nullable Long infoField(int port, String section, String field) {
		if (!(command(port, "INFO", section) instanceof String info)) {
			return null;
		}
		for (String line : info.split("\r\n")) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.substring(field.length() + 1).trim());
			}
		}
		return null;
	}

	/**
	 * Where the first primary a Sentinel monitors is now ({@code SENTINEL MASTERS}: its
	 * {@code ip:port}), or {@code null} if the Sentinel does not say.
	 */
	static @Nullable String primary(int sentinelPort) {
		if (!(command(sentinelPort, "SENTINEL", "MASTERS") instanceof List<?> masters) || masters.isEmpty()
				|| !(masters.get(0) instanceof List<?> fields)) {
			return null;
		}
		String ip = null;
		String port = null;
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			if ("ip".equals(fields.get(i))) {
				ip = String.valueOf(fields.get(i + 1));
			}
			if ("port".equals(fields.get(i))) {
				port = String.valueOf(fields.get(i + 1));
			}
		}
		return (ip != null && port != null) ? ip + ":" + port : null;
	}

}
