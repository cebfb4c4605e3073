package io.statewise.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports: free ones for tests, and a check that configured ones are free. */
public final class FreePorts {

	private static final int LOWEST = 20000;

	private static final int HIGHEST = 32000;

	private static final java.util.Random RANDOM = new java.security.SecureRandom();

	private FreePorts() {
	}

	/**
	 * {@code count} distinct ports that were free a moment ago. They are taken below the
	 * kernel's ephemeral range (32768+ on Linux): a port the kernel handed out as "free"
	 * is just as likely to be given next to an outgoing connection (a replica connecting
	 * to its primary, say) before our server binds it.
	 */
	public static List<Integer> find(int count) {
		List<Integer> ports = new ArrayList<>();
		int start = LOWEST + RANDOM.nextInt(HIGHEST - LOWEST);
		for (int i = 0; i < HIGHEST - LOWEST && ports.size() < count; i++) {
			int port = LOWEST + (start - LOWEST + i) % (HIGHEST - LOWEST);
			if (isFree(port)) {
				ports.add(port);
			}
		}
		if (ports.size() < count) {
			throw new IllegalStateException(
					"Fewer than " + count + " free ports between " + LOWEST + " and " + HIGHEST);
		}
		return List.copyOf(ports);
	}

	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
