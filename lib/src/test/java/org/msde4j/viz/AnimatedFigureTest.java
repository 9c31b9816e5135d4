package org.msde4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnimatedFigureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AnimatedFigure twoFrames() {
        return AnimatedFigure.titled("moving", "x", "y", "step ")
                .markers("points", "#1f77b4", "circle")
                .lines("paths", "#d62728", 1, 0.5)
                .frame("0", new double[][] {{0, 1}, {0, 1}}, new double[][] {{0, Double.NaN}, {0, Double.NaN}})
                .frame("1", new double[][] {{10, 1.234567}, {-5, 1}}, new double[][] {{0, 10}, {0, -5}});
    }

    @Test
    void writesDataLayoutAndOneFramePerStep() throws Exception {
        JsonNode figure = JSON.readTree(twoFrames().json());
        assertEquals(2, figure.get("data").size(), "one trace per added trace");
        JsonNode first = figure.get("data").get(0);
        assertEquals("markers", first.get("mode").asText());
        assertEquals("[0.0,1.0]", first.get("x").toString(), "the first frame's data is drawn first");
        assertTrue(figure.get("data").get(1).get("x").get(1).isNull(), "NaN is written as null, a gap for Plotly");
        JsonNode frames = figure.get("frames");
        assertEquals(2, frames.size());
        assertEquals("1", frames.get(1).get("name").asText());
        assertEquals(1.2346, frames.get(1).get("data").get(0).get("x").get(1).asDouble(), 0, "five significant digits");
        JsonNode steps = figure.at("/layout/sliders/0/steps");
        assertEquals(2, steps.size(), "one slider step per frame");
        assertEquals("1", steps.get(1).at("/args/0/0").asText(), "a step animates to its frame");
        assertEquals("step ", figure.at("/layout/sliders/0/currentvalue/prefix").asText());
        assertEquals(2, figure.at("/layout/updatemenus/0/buttons").size(), "Play and Pause");
        JsonNode x = figure.at("/layout/xaxis/range");
        assertTrue(x.get(0).asDouble() < 0 && x.get(1).asDouble() > 10, "one x range over all frames: " + x);
        JsonNode y = figure.at("/layout/yaxis/range");
        assertTrue(y.get(0).asDouble() < -5 && y.get(1).asDouble() > 1, "one y range over all frames: " + y);
    }

    @Test
    void colourValuesStayWithTheirTrace() throws Exception {
        AnimatedFigure f = AnimatedFigure.titled("t", "x", "y", "")
                .markersColouredBy("weighted", "diamond", "#d62728", new double[] {3, 7}, 0, 10, "weight")
                .frame("0", new double[][] {{0, 1}, {0, 1}});
        JsonNode marker = JSON.readTree(f.json()).at("/data/0/marker");
        assertEquals("[3.0,7.0]", marker.get("color").toString());
        assertEquals("Viridis", marker.get("colorscale").asText());
        assertEquals("weight", marker.at("/colorbar/title").asText());
        assertTrue(marker.get("showscale").asBoolean());
    }

    @Test
    void misuseIsExplained() {
        AnimatedFigure f = AnimatedFigure.titled("t", "x", "y", "").markers("a", "#000", "circle");
        assertTrue(assertThrows(IllegalStateException.class, f::json).getMessage().contains("no frames"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> f.frame("0", new double[][] {{0}, {0}}, new double[][] {{0}, {0}})).getMessage();
        assertTrue(message.contains("gives data for 2 traces, but the figure has 1"), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.frame("0", new double[][] {{0, 1}, {0}}))
                .getMessage().contains("equal length"));
        f.frame("0", new double[][] {{0}, {0}});
        assertThrows(IllegalStateException.class, () -> f.lines("late", "#000", 1, 1));
        AnimatedFigure coloured = AnimatedFigure.titled("t", "x", "y", "")
                .markersColouredBy("w", "circle", "#000", new double[] {1, 2}, 0, 2, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> coloured.frame("0", new double[][] {{0}, {0}}))
                .getMessage().contains("1 points but 2 colour values"));
    }

    @Test
    void latentShiftAnimationHasAFramePerIterationAndTheWeightsOfTheDrawnRows() throws Exception {
        Random r = new Random(3);
        int n = 50;
        int[] labels = new int[n];
        double[] weights = new double[n];
        double[][] start = new double[n][4];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 10 ? 1 : 0;
            weights[i] = i;
            for (int t = 0; t < 4; t++) {
                start[i][t] = r.nextGaussian() + 3 * labels[i];
            }
        }
        List<double[][]> positions = new ArrayList<>();
        positions.add(start);
        for (int it = 1; it <= 3; it++) {
            double[][] next = new double[n][4];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < 4; t++) {
                    next[i][t] = 0.5 * positions.get(it - 1)[i][t];
                }
            }
            positions.add(next);
        }
        JsonNode all = JSON.readTree(Plots.latentShiftAnimation("shift", positions, weights, labels, 1000).json());
        assertEquals(4, all.get("frames").size(), "before the shift, then one frame per iteration");
        assertEquals(4, all.get("data").size(), "paths and points of normals and anomalies");
        JsonNode normals = all.get("data").get(2);
        JsonNode anomalies = all.get("data").get(3);
        assertEquals(40, normals.get("x").size());
        assertEquals(10, anomalies.get("x").size());
        assertEquals(10.0, normals.at("/marker/color/0").asDouble(), "the weight of the first normal row");
        assertEquals(0.0, anomalies.at("/marker/color/0").asDouble());
        JsonNode path = all.at("/frames/0/data/0/x");
        assertEquals(path.get(0).asDouble(), path.get(1).asDouble(), 1e-12, "in frame 0 no point has moved");
        JsonNode sampled = JSON.readTree(Plots.latentShiftAnimation("shift", positions, weights, labels, 20).json());
        assertEquals(20, sampled.at("/data/2/x").size() + sampled.at("/data/3/x").size(), "at most maxPoints drawn");
    }
}
