package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.msde4j.data.Sample;
import org.msde4j.data.Split;
import org.msde4j.embed.SkippedImage;
import org.msde4j.image.ImageProfile;
import org.msde4j.image.ImageRef;
import org.msde4j.image.ImageStatistics;

class ScoreTableTest {

    private static Sample sample(String name, int label) {
        return new Sample(name, new ImageRef.File(Path.of(name)), Split.TEST, label);
    }

    @Test
    void everyInputHasARowInInputOrderSkippedAndUnusualImagesSayWhy() {
        List<Sample> inputs = List.of(sample("a.png", 0), sample("bad, name.png", 1), sample("c.png", 1));
        ImageStatistics usual = new ImageStatistics(64, 64, 0.2, 0.3);
        EmbeddedSplit embedded = new EmbeddedSplit(List.of(inputs.get(0), inputs.get(2)), new double[2][1],
                List.of(new SkippedImage(1, "bad, name.png", "is empty (0 bytes)")),
                List.of(usual, new ImageStatistics(1, 1, 0.2, 0.3)));
        ImageProfile profile = ImageProfile.of(List.of(usual));
        ScoreTable table = ScoreTable.of(inputs, embedded, new double[] {1.5, 9.0}, new ScoreTable.Decision(2.0, "test"),
                Optional.of(profile), true);
        assertEquals("""
                path,score,anomalous,out_of_distribution,note,label
                a.png,1.5,false,false,,0
                "bad, name.png",,,,skipped: is empty (0 bytes),1
                c.png,9.0,true,true,unlike the training images: width (px) 1 (training images 64–64); height (px) 1 \
                (training images 64–64),1
                """, table.csv());
        assertEquals(1, table.flagged());
        assertEquals(1, table.skipped().size());
        assertEquals(List.of("c.png"), table.outOfDistribution().stream().map(r -> r.sample().id()).toList());
    }

    @Test
    void withoutAThresholdTheDecisionColumnStaysEmpty() {
        List<Sample> inputs = List.of(sample("a.png", 0));
        EmbeddedSplit embedded = new EmbeddedSplit(inputs, new double[1][1], List.of(), List.of());
        ScoreTable table = ScoreTable.of(inputs, embedded, new double[] {3.0},
                new ScoreTable.Decision(Double.NaN, "none: batch too small"), Optional.empty(), false);
        assertEquals("path,score,anomalous,out_of_distribution,note\na.png,3.0,,false,\n", table.csv());
        assertEquals(0, table.flagged());
    }
}
