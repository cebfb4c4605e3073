package io.statewise.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one connection per request, bytes exactly as given: a
 * request line with {@code %00} or raw control characters, headers no HTTP client would
 * send, broken framing. {@code java.net.http} refuses to send most of what a generative
 * bad-input test needs. Binds to a chosen loopback address, so that each simulated client
 * has its own address (the gateway limits rates per client address).
 */
final class RawHttp {

	private static final int READ_TIMEOUT_MILLIS = 15_000;

	private RawHttp() {
	}

	/** Sends the request and reads the answer until the server closes the connection. */
	static Answer exchange(InetAddress from, int port, byte[] request) {
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			String writeError = null;
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer (413) and close before a large body is written
				writeError = ex.toString();
			}
			byte[] received = readAll(socket.getInputStream());
			long millis = (System.nanoTime() - start) / 1_000_000;
			return Answer.parse(received, millis, writeError);
		}
		catch (IOException ex) {
			return new Answer(-1, "", "", (System.nanoTime() - start) / 1_000_000, ex.toString());
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read; (read = in.read(buffer)) != -1;) {
				all.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			if (all.size() == 0) {
				throw ex;
			}
		}
		catch (IOException ex) {
			// reset after the answer was sent: keep what arrived
			if (all.size() == 0) {
				throw ex;
			}
		}
		return all.toByteArray();
	}

	/**
	 * The final answer (interim {@code 1xx} answers skipped): status, Content-Type, the
	 * start of the body, and how long it took; status -1 when nothing arrived.
	 */
	record Answer(int status, String contentType, String body, long millis, String failure) {

		static Answer parse(byte[] received, long millis, String writeError) {
			String text = new String(received, StandardCharsets.ISO_8859_1);
			int at = 0;
			while (true) {
				int end = text.indexOf("\r\n\r\n", at);
				if (!text.startsWith("HTTP/1.", at) || end < 0) {
					return new Answer(-1, "", abbreviate(text.substring(at)), millis,
							"no HTTP answer" + ((writeError != null) ? " (" + writeError + ")" : ""));
				}
				String head = text.substring(at, end);
				int status = Integer.parseInt(head.substring(9, 12));
				if (status >= 100 && status < 200) {
					at = end + 4;
					continue;
				}
				String contentType = "";
				for (String line : head.split("\r\n")) {
					if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
						contentType = line.substring("content-type:".length()).strip();
					}
				}
				return new Answer(status, contentType, abbreviate(text.substring(end + 4)), millis, "");
			}
		}

		private static String abbreviate(String text) {
			String printable = text.replaceAll("[\\p{Cntrl}&&[^\\r\\n\\t]]", "?");
			return (printable.length() > 300) ? printable.substring(0, 300) + "..." : printable;
		}

		boolean isProblem() {
			return this.contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
		}

	}

}
