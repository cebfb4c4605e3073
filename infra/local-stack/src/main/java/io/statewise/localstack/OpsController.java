package io.statewise.localstack;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ops panel's data, next to the control API on its loopback port: the live stream,
 * and the fault timeline as files to keep. The panel's page itself is static
 * ({@code static/ops/}); the gateway knows none of this.
 */
@RestController
class OpsController {

	private final OpsPanel panel;

	private final Timeline timeline;

	OpsController(OpsPanel panel, Timeline timeline) {
		this.panel = panel;
		this.timeline = timeline;
	}

	@GetMapping(path = "/ops/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.panel.open();
	}

	@GetMapping(path = "/ops/timeline.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<List<Timeline.Entry>> timelineJson() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, attachment("json"))
			.body(this.timeline.entries());
	}

	@GetMapping(path = "/ops/timeline.csv", produces = "text/csv")
	ResponseEntity<String> timelineCsv() {
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, attachment("csv")).body(this.timeline.csv());
	}

	private static String attachment(String extension) {
		return "attachment; filename=\"statewise-faults." + extension + "\"";
	}

}
