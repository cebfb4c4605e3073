package io.statewise.gateway.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests refused below Spring get a problem+json answer too. Two places answer with a
 * bare status and no body:
 * <ul>
 * <li>Reactor Netty, for a request its HTTP decoder could not read (a control character,
 * NUL or space in a header, a header over {@code server.netty.max-header-size}:
 * {@code 431}, a request line over {@code max-initial-line-length}: {@code 414}, broken
 * framing, a bad chunk size), or one whose {@code Host} it cannot parse. No filter runs
 * for these: {@link DecodingFailureAnswer}, a handler right behind Netty's HTTP codec,
 * replaces that bare answer on its way out, keeping its status and
 * {@code Connection: close}.</li>
 * <li>Spring's {@code ReactorHttpHandlerAdapter}, for a request target
 * {@code java.net.URI} refuses (an invalid percent escape, {@code %zz} or a lone
 * {@code %}): it sets {@code 400} and ends the exchange before any filter runs. The
 * handler is decorated ({@code mapHandle}) to give an exchange that ended with an error
 * status and nothing sent a problem body.</li>
 * </ul>
 */
@Component
class MalformedRequests implements NettyServerCustomizer {

	static final String HANDLER_NAME = "statewiseDecodingFailureAnswer";

	@Override
	public HttpServer apply(HttpServer server) {
		return server
			.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new DecodingFailureAnswer()))
			.mapHandle((handling, connection) -> handling.then(Mono.defer(() -> answerIfNothingSent(connection))));
	}

	private static Mono<Void> answerIfNothingSent(Connection connection) {
		if (!(connection instanceof HttpServerResponse response) || response.hasSentHeaders()
				|| response.status().code() < 400) {
			return Mono.empty();
		}
		HttpServerRequest request = (HttpServerRequest) connection;
		byte[] body = MalformedProblem.json(response.status().code(), MalformedProblem.instance(request.uri()));
		return response.header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	/**
	 * Sits between Netty's HTTP codec and Reactor Netty's traffic handler: notes a
	 * request (or its body) the decoder failed on, and turns Reactor Netty's empty answer
	 * to it into problem+json. One per connection.
	 */
	static final class DecodingFailureAnswer extends ChannelDuplexHandler {

		private @Nullable HttpRequest current;

		private boolean bodyFailed;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request) {
				this.current = request;
				this.bodyFailed = false;
			}
			else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
				this.bodyFailed = true;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			Object out = msg;
			if (msg instanceof FullHttpResponse response && bare(response) && failed()) {
				out = problem(response.status(), this.current);
				response.release();
			}
			if (msg instanceof LastHttpContent) {
				this.current = null;
				this.bodyFailed = false;
			}
			ctx.write(out, promise);
		}

		private boolean failed() {
			// Reactor Netty marks the request itself when it cannot build its view of it
			// (a Host it cannot parse): checked when the answer is written
			return this.bodyFailed || (this.current != null && this.current.decoderResult().isFailure());
		}

		private static boolean bare(FullHttpResponse response) {
			int status = response.status().code();
			return (status == 400 || status == 414 || status == 431) && !response.content().isReadable()
					&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
		}

		private static FullHttpResponse problem(HttpResponseStatus status, @Nullable HttpRequest request) {
			// a request line the decoder could not read is replaced by a placeholder
			// FullHttpRequest ("/bad-request"): then no path is known
			String instance = (request != null && !(request instanceof FullHttpRequest))
					? MalformedProblem.instance(request.uri()) : "";
			byte[] body = MalformedProblem.json(status.code(), instance);
			FullHttpResponse problem = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			problem.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.set("X-Content-Type-Options", "nosniff")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			return problem;
		}

	}

}
