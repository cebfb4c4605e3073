package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a complete report is, checked on the files themselves: the Markdown, the five CSV
 * files, every chart it links present and an SVG document, and each cell of the
 * comparison table a measured number or an explicit "not measured". The short lab in
 * {@code ./mvnw verify} holds its report to this.
 */
public final class ReportCheck {

	private static final String SVG = "http://www.w3.org/2000/svg";

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+\\.svg)\\)");

	private ReportCheck() {
	}

	/** Everything wrong with the report in {@code dir}; empty when it is complete. */
	public static List<String> problems(Path dir) {
		List<String> problems = new ArrayList<>();
		for (String file : List.of(Report.MARKDOWN, "client.csv", "requests.csv", "components.csv", "gauges.csv",
				"runs.csv")) {
			if (!Files.isRegularFile(dir.resolve(file))) {
				problems.add("missing " + file);
			}
		}
		if (!problems.isEmpty()) {
			return problems;
		}
		String markdown = read(dir.resolve(Report.MARKDOWN));
		Matcher links = LINK.matcher(markdown);
		while (links.find()) {
			Path svg = dir.resolve(links.group(1));
			if (!isSvg(svg)) {
				problems.add("not an SVG document: " + svg.getFileName());
			}
		}
		problems.addAll(comparisonCells(markdown));
		return problems;
	}

	/** The comparison table's cells: a bold number in each, or "not measured". */
	private static List<String> comparisonCells(String markdown) {
		List<String> problems = new ArrayList<>();
		List<String> rows = Stream.of(markdown.split("\n"))
			.filter((line) -> Stream
				.of("| State management", "| Scalability", "| Fault tolerance", "| Latency", "| Consistency")
				.anyMatch(line::startsWith))
			.toList();
		if (rows.size() != 5) {
			problems.add("the comparison table has " + rows.size() + " of its 5 rows");
		}
		for (String row : rows) {
			String[] cells = row.split("\\|");
			for (int i = 2; i < cells.length; i++) {
				String cell = cells[i].trim();
				if (!cell.matches(".*\\*\\*-?\\d[^*]*\\*\\*.*") && !cell.startsWith("not measured")) {
					problems.add("neither a number nor 'not measured': " + cells[1].trim() + ": " + cell);
				}
			}
		}
		return problems;
	}

	/**
	 * Parsed as XML (its DTD not fetched), {@code <svg>} at its root, and every element
	 * in the SVG namespace: an element outside it is not drawn by browsers (a chart of
	 * VectorGraphics2D's, as it writes them, showed blank).
	 */
	static boolean isSvg(Path file) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			if (!Files.isRegularFile(file)) {
				return false;
			}
			Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
			NodeList elements = root.getElementsByTagName("*");
			for (int i = 0; i < elements.getLength(); i++) {
				if (!SVG.equals(elements.item(i).getNamespaceURI())) {
					return false;
				}
			}
			return "svg".equals(root.getLocalName()) && SVG.equals(root.getNamespaceURI()) && elements.getLength() > 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
