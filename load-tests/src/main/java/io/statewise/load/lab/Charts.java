package io.statewise.load.lab;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.statewise.load.lab.RunResult.ClientRow;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart and written as SVG through VectorGraphics2D (no
 * display needed), in the style of Jepsen's: throughput, failures and p99 over time with
 * the fault's interval shaded; bars with their spread for comparisons.
 */
final class Charts {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 420;

	private static final Color FAULT = new Color(230, 80, 60, 50);

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Charts() {
	}

	/**
	 * One run over time: requests answered as expected and failed per second (left axis),
	 * p99 in ms (right axis), the fault shaded from {@code faultStart} to
	 * {@code faultEnd} (none when {@code faultStart} is negative: a run without a fault).
	 */
	static void overTime(String title, List<ClientRow> rows, double faultStart, double faultEnd, Path svg) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle("second of the load")
			.yAxisTitle("requests per second")
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setMarkerSize(0);
		chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
		chart.getStyler().setYAxisMin(0, 0.0);
		chart.getStyler().setYAxisMin(1, 0.0);
		List<Integer> seconds = rows.stream().map(ClientRow::t).toList();
		double top = Math.max(1, rows.stream().mapToDouble((row) -> Math.max(row.ok(), row.failed())).max().orElse(1));
		if (faultStart >= 0) {
			shade(chart, faultStart, faultEnd, top);
		}
		line(chart.addSeries("answered as expected /s", seconds, rows.stream().map(ClientRow::ok).toList()),
				new Color(40, 110, 180));
		line(chart.addSeries("failed or unanswered /s", seconds, rows.stream().map(ClientRow::failed).toList()),
				new Color(200, 40, 40));
		List<Integer> p99Seconds = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		for (ClientRow row : rows) {
			if (row.p99() != null) {
				p99Seconds.add(row.t());
				p99.add(row.p99());
			}
		}
		if (!p99.isEmpty()) {
			XYSeries latency = chart.addSeries("p99 ms (right axis)", p99Seconds, p99);
			latency.setYAxisGroup(1);
			line(latency, new Color(120, 120, 120));
			chart.setYAxisGroupTitle(1, "p99 response time, ms");
		}
		write(chart, svg);
	}

	/**
	 * Figures of the stack over time, one line each (second of the load → value), the
	 * fault shaded from {@code faultStart} to {@code faultEnd}.
	 */
	static void figures(String title, String axis, Map<String, ? extends Map<Integer, Double>> lines, double faultStart,
			double faultEnd, Path svg) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle("second of the load")
			.yAxisTitle(axis)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setMarkerSize(0);
		chart.getStyler().setYAxisMin(0.0);
		double top = Math.max(1,
				lines.values()
					.stream()
					.flatMap((line) -> line.values().stream())
					.mapToDouble(Double::doubleValue)
					.max()
					.orElse(1));
		shade(chart, faultStart, faultEnd, top);
		List<Color> colors = List.of(new Color(40, 110, 180), new Color(200, 40, 40), new Color(60, 150, 60),
				new Color(120, 120, 120), new Color(150, 90, 180));
		int i = 0;
		for (Map.Entry<String, ? extends Map<Integer, Double>> line : lines.entrySet()) {
			if (!line.getValue().isEmpty()) {
				line(chart.addSeries(line.getKey(), List.copyOf(line.getValue().keySet()),
						List.copyOf(line.getValue().values())), colors.get(i++ % colors.size()));
			}
		}
		write(chart, svg);
	}

	/** The fault's interval, shaded up to {@code top}. */
	private static void shade(XYChart chart, double faultStart, double faultEnd, double top) {
		XYSeries fault = chart.addSeries("fault", List.of(faultStart, faultEnd), List.of(top, top));
		fault.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
		fault.setFillColor(FAULT);
		fault.setLineColor(FAULT);
		fault.setMarker(SeriesMarkers.NONE);
	}

	private static void line(XYSeries series, Color color) {
		series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
		series.setMarker(SeriesMarkers.NONE);
		series.setLineColor(color);
	}

	/**
	 * A measure compared between variants: the median as a bar, the lowest and highest
	 * run as markers (the spread, not a symmetric error bar it does not have).
	 */
	static void bars(String title, String axis, Map<String, Stats.Spread> byVariant, Path svg) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.yAxisTitle(axis)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		chart.getStyler().setOverlapped(true);
		chart.getStyler().setYAxisMin(0.0);
		List<String> names = List.copyOf(byVariant.keySet());
		chart.addSeries("median", names, names.stream().map((name) -> byVariant.get(name).median()).toList())
			.setFillColor(new Color(40, 110, 180));
		var low = chart.addSeries("lowest run", names,
				names.stream().map((name) -> byVariant.get(name).min()).toList());
		low.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
		low.setMarker(SeriesMarkers.TRIANGLE_DOWN);
		low.setMarkerColor(Color.DARK_GRAY);
		var high = chart.addSeries("highest run", names,
				names.stream().map((name) -> byVariant.get(name).max()).toList());
		high.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
		high.setMarker(SeriesMarkers.TRIANGLE_UP);
		high.setMarkerColor(Color.DARK_GRAY);
		write(chart, svg);
	}

	private static void write(Chart<?, ?> chart, Path svg) {
		VectorGraphics2D graphics = new VectorGraphics2D();
		chart.paint(graphics, chart.getWidth(), chart.getHeight());
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			new SVGProcessor()
				.getDocument(graphics.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight()))
				.writeTo(out);
			// VectorGraphics2D 0.13 puts xmlns="" on the elements it adds to the document
			// (on JDK 9+), which takes them out of the SVG namespace: browsers draw
			// nothing
			Files.writeString(svg, out.toString(StandardCharsets.UTF_8).replace(" xmlns=\"\"", ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + svg, ex);
		}
	}

}
