package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.DataCatalog;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.eval.PublishedResults;

class EvaluationPlanTest {

    @TempDir
    Path dataRoot;
    @TempDir
    Path shared;

    private final BackboneSpec images = BackboneSpec.defaults();
    private final BackboneSpec medmnist = BackboneSpec.parse("ssl", 32, null, SelfSupervisedOptions.defaults());

    @Test
    void onAnEmptyMachineTheSyntheticSetAndTheNpzFilesAreEvaluatedAndEachBenchmarkSaysHowToGetIt() throws Exception {
        Files.writeString(shared.resolve("b.npz"), "");
        Files.writeString(shared.resolve("a.npz"), "");
        Files.writeString(shared.resolve("notes.txt"), "");
        DataCatalog catalog = DataCatalog.builtIn(dataRoot);

        EvaluationPlan plan = EvaluationPlan.discover(catalog, List.of(dataRoot.resolve("absent"), shared), images, medmnist);

        List<String> names = new ArrayList<>();
        plan.datasets().keySet().forEach(d -> names.add(d.name()));
        assertEquals(List.of("synthetic-brain-mri", "a.npz", "b.npz"), names);
        assertEquals(List.of(images, medmnist, medmnist), new ArrayList<>(plan.datasets().values()));
        assertEquals(PublishedResults.BENCHMARK.size(), plan.benchmark().rowCount());
        for (int r = 0; r < plan.benchmark().rowCount(); r++) {
            String id = PublishedResults.BENCHMARK.get(r);
            assertTrue(plan.benchmark().stringColumn("dataset").get(r).startsWith(id + ": "), plan.benchmark().print());
            assertTrue(plan.benchmark().stringColumn("here").get(r).endsWith(catalog.howToGet(id)), plan.benchmark().print());
        }
        assertEquals(List.of("to evaluate: synthetic-brain-mri (backbone ssl)", "to evaluate: a.npz (backbone ssl at 32 px)",
                "to evaluate: b.npz (backbone ssl at 32 px)"), plan.describe());
    }

    @Test
    void withoutNpzFilesTheDescriptionSaysWhereToPutOne() throws Exception {
        EvaluationPlan plan = EvaluationPlan.discover(DataCatalog.builtIn(dataRoot), List.of(shared), images, medmnist);

        assertEquals(List.of("No MedMNIST .npz file in " + List.of(shared) + ": put one there to evaluate it too.",
                "to evaluate: synthetic-brain-mri (backbone ssl)"), plan.describe());
    }
}
