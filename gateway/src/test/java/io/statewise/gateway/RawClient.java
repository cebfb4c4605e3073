package io.statewise.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client on a plain socket, for what {@link Gateway#client WebTestClient} cannot send:
 * half a request, a byte now and then, a request from another loopback address
 * (127.0.0.x, Linux).
 */
final class RawClient implements AutoCloseable {

	private final Socket socket;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private RawClient(Socket socket) {
		this.socket = socket;
	}

	static RawClient connect(int port) {
		return connect("127.0.0.1", port);
	}

	static RawClient connect(String fromAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return new RawClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One request with {@code Connection: close}; the whole answer. */
	static String exchange(String fromAddress, int port, String method, String path, String... headerLines) {
		StringBuilder request = new StringBuilder(
				method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (RawClient client = connect(fromAddress, port)) {
			client.send(request.toString());
			return client.awaitClose(Duration.ofSeconds(20));
		}
	}

	/** Sends the text; false when the server has already closed the connection. */
	boolean send(String text) {
		try {
			this.socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
			this.socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Waits at most {@code limit} for the server to close the connection (end of stream
	 * or reset) and answers all it sent; fails if it is still open then.
	 */
	String awaitClose(Duration limit) {
		if (!closedWithin(limit)) {
			throw new AssertionError("connection still open after " + limit + "; received: " + received());
		}
		return received();
	}

	/** Whether the server closed the connection within {@code limit}. */
	boolean closedWithin(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		byte[] buffer = new byte[8192];
		try {
			InputStream in = this.socket.getInputStream();
			while (true) {
				long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
				if (left <= 0) {
					return false;
				}
				this.socket.setSoTimeout((int) left);
				int read = in.read(buffer);
				if (read < 0) {
					return true;
				}
				this.received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			// reset by the server
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String received() {
		return this.received.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
