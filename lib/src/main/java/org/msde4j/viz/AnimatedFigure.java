package org.msde4j.viz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Plotly figure whose traces move from frame to frame, with a slider (one step per frame) and
 * Play/Pause buttons — what tablesaw-jsplot cannot express. Each trace keeps its style in every
 * frame; a frame gives new x and y for every trace. The axes keep one range over all frames, so
 * that motion is visible as motion. Written as Plotly's figure JSON ({@code data}, {@code layout},
 * {@code frames}; see plotly.js's "animations" and "sliders" reference) with Jackson.
 *
 * <pre>{@code
 * AnimatedFigure f = AnimatedFigure.titled("MSDE iterations", "PC 1", "PC 2")
 *         .markers("normal", "#1f77b4")
 *         .frame("0", new double[][] {x0, y0})
 *         .frame("1", new double[][] {x1, y1});
 * String html = f.html("shift");      // a div and the script that draws it (plotly.js must be loaded)
 * }</pre>
 */
public final class AnimatedFigure {

    /** Milliseconds per frame when playing, and of the transition between frames. */
    private static final int FRAME_MS = 700;
    private static final int TRANSITION_MS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final String sliderPrefix;
    private final List<ObjectNode> traces = new ArrayList<>();
    private final List<String> frameNames = new ArrayList<>();
    private final List<double[][][]> frames = new ArrayList<>();

    private AnimatedFigure(String title, String xTitle, String yTitle, String sliderPrefix) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.sliderPrefix = sliderPrefix;
    }

    /** An empty figure; the slider shows "{@code sliderPrefix}{frame name}". */
    public static AnimatedFigure titled(String title, String xTitle, String yTitle, String sliderPrefix) {
        return new AnimatedFigure(title, xTitle, yTitle, sliderPrefix);
    }

    /** Adds a trace of points of one colour. */
    public AnimatedFigure markers(String name, String colour, String symbol) {
        ObjectNode t = trace(name, "markers");
        t.putObject("marker").put("color", colour).put("symbol", symbol).put("size", 6);
        return this;
    }

    /**
     * Adds a trace of points coloured by {@code values} (one per point, the same in every frame) on
     * the Viridis scale from {@code min} to {@code max}; {@code colourBar} names the scale, or null to
     * draw no scale (when another trace already shows it).
     */
    public AnimatedFigure markersColouredBy(String name, String symbol, String outline, double[] values, double min,
                                            double max, String colourBar) {
        ObjectNode t = trace(name, "markers");
        ObjectNode marker = t.putObject("marker").put("symbol", symbol).put("size", 7).put("colorscale", "Viridis")
                .put("cmin", min).put("cmax", max).put("showscale", colourBar != null);
        numbers(marker.putArray("color"), values);
        marker.putObject("line").put("color", outline).put("width", 1);
        if (colourBar != null) {
            marker.putObject("colorbar").put("title", colourBar);
        }
        return this;
    }

    /** Adds a trace of line segments (NaN separates segments). */
    public AnimatedFigure lines(String name, String colour, double width, double opacity) {
        ObjectNode t = trace(name, "lines").put("opacity", opacity);
        t.putObject("line").put("color", colour).put("width", width);
        return this;
    }

    /**
     * Adds a frame: for trace i (in the order they were added), {@code xy[i][0]} are its x and
     * {@code xy[i][1]} its y. A trace of colour values must keep its number of points.
     */
    public AnimatedFigure frame(String name, double[][]... xy) {
        if (xy.length != traces.size()) {
            throw new IllegalArgumentException("frame \"" + name + "\" gives data for " + xy.length + " traces, but the "
                    + "figure has " + traces.size() + ": give x and y for every trace, in the order they were added.");
        }
        for (int i = 0; i < xy.length; i++) {
            if (xy[i].length != 2 || xy[i][0].length != xy[i][1].length) {
                throw new IllegalArgumentException("frame \"" + name + "\", trace \"" + traces.get(i).get("name").asText()
                        + "\": give {x, y} of equal length.");
            }
            var colours = traces.get(i).path("marker").path("color");
            if (colours.isArray() && colours.size() != xy[i][0].length) {
                throw new IllegalArgumentException("frame \"" + name + "\", trace \""
                        + traces.get(i).get("name").asText() + "\" has " + xy[i][0].length + " points but "
                        + colours.size() + " colour values.");
            }
        }
        frameNames.add(name);
        frames.add(xy);
        return this;
    }

    /** Number of frames. */
    public int frameCount() {
        return frames.size();
    }

    /** The figure as Plotly JSON: the first frame's data, the layout with slider and buttons, and every frame. */
    public String json() {
        if (frames.isEmpty()) {
            throw new IllegalStateException("figure \"" + title + "\" has no frames: add at least one with frame(...).");
        }
        ObjectNode figure = JSON.createObjectNode();
        ArrayNode data = figure.putArray("data");
        for (int i = 0; i < traces.size(); i++) {
            ObjectNode t = traces.get(i).deepCopy();
            coordinates(t, frames.get(0)[i]);
            data.add(t);
        }
        layout(figure.putObject("layout"));
        ArrayNode all = figure.putArray("frames");
        for (int f = 0; f < frames.size(); f++) {
            ObjectNode frame = all.addObject().put("name", frameNames.get(f));
            ArrayNode frameData = frame.putArray("data");
            for (double[][] xy : frames.get(f)) {
                coordinates(frameData.addObject(), xy);
            }
        }
        try {
            return JSON.writeValueAsString(figure);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JavaScript that draws the figure into the element {@code target} (an expression) and adds its frames. */
    public String drawScript(String target) {
        return "var figure = " + json().replace("</", "<\\/") + ";\n"
                + "Plotly.newPlot(" + target + ", figure.data, figure.layout)"
                + ".then(function (plot) { return Plotly.addFrames(plot, figure.frames); });\n";
    }

    /** A {@code div} and the script that draws into it, for a page where plotly.js is loaded (as {@link Plots#html}). */
    public String html(String id) {
        return "<div id=\"" + id + "\"></div><script>(function () {\n"
                + drawScript("document.getElementById('" + id + "')") + "})();</script>";
    }

    private ObjectNode trace(String name, String mode) {
        if (!frames.isEmpty()) {
            throw new IllegalStateException("add every trace of figure \"" + title + "\" before its first frame.");
        }
        ObjectNode t = JSON.createObjectNode().put("type", "scatter").put("mode", mode).put("name", name);
        traces.add(t);
        return t;
    }

    private void layout(ObjectNode layout) {
        layout.putObject("title").put("text", title);
        layout.put("width", 760).put("height", 640).put("hovermode", "closest");
        layout.putObject("legend").put("orientation", "h").put("x", 0).put("y", 1.02).put("yanchor", "bottom");
        axis(layout.putObject("xaxis"), xTitle, 0);
        axis(layout.putObject("yaxis"), yTitle, 1);
        ObjectNode menu = layout.putArray("updatemenus").addObject().put("type", "buttons").put("showactive", false)
                .put("x", 0.1).put("y", 0).put("xanchor", "right").put("yanchor", "top").put("direction", "left");
        menu.putObject("pad").put("t", 87).put("r", 10);
        ArrayNode buttons = menu.putArray("buttons");
        ObjectNode play = buttons.addObject().put("label", "Play").put("method", "animate");
        ArrayNode playArgs = play.putArray("args");
        playArgs.addNull();
        animation(playArgs.addObject(), FRAME_MS, TRANSITION_MS).put("fromcurrent", true);
        ObjectNode pause = buttons.addObject().put("label", "Pause").put("method", "animate");
        ArrayNode pauseArgs = pause.putArray("args");
        pauseArgs.addArray().addNull();
        animation(pauseArgs.addObject(), 0, 0);
        ObjectNode slider = layout.putArray("sliders").addObject().put("active", 0).put("x", 0.1).put("len", 0.9)
                .put("y", 0).put("xanchor", "left").put("yanchor", "top");
        slider.putObject("pad").put("t", 50).put("b", 10);
        slider.putObject("currentvalue").put("prefix", sliderPrefix).put("xanchor", "right");
        ArrayNode steps = slider.putArray("steps");
        for (String name : frameNames) {
            ObjectNode step = steps.addObject().put("label", name).put("method", "animate");
            ArrayNode args = step.putArray("args");
            args.addArray().add(name);
            animation(args.addObject(), TRANSITION_MS, TRANSITION_MS);
        }
    }

    private static ObjectNode animation(ObjectNode options, int frameMs, int transitionMs) {
        options.put("mode", "immediate");
        options.putObject("frame").put("duration", frameMs).put("redraw", false);
        options.putObject("transition").put("duration", transitionMs);
        return options;
    }

    /** One range over all frames for axis {@code c} (0: x, 1: y), padded by 5 %. */
    private void axis(ObjectNode axis, String name, int c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][][] frame : frames) {
            for (double[][] xy : frame) {
                for (double v : xy[c]) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        axis.putObject("title").put("text", name);
        if (lo <= hi) {
            double pad = 0.05 * Math.max(hi - lo, 1e-9);
            axis.putArray("range").add(Plots.rounded(lo - pad)).add(Plots.rounded(hi + pad));
        }
    }

    private static void coordinates(ObjectNode trace, double[][] xy) {
        numbers(trace.putArray("x"), xy[0]);
        numbers(trace.putArray("y"), xy[1]);
    }

    /** Values {@link Plots#rounded rounded}; NaN and infinities become null, which Plotly draws as a gap. */
    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(Plots.rounded(v));
            } else {
                array.addNull();
            }
        }
    }
}
