package org.msde4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.DataCatalog;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.eval.BuiltInMethod;
import org.msde4j.eval.DeploymentStudy;
import org.msde4j.eval.Evaluation;
import org.msde4j.eval.LocalEvaluation;

class EvalPipelineRequestTest {

    @TempDir
    Path folder;

    @Test
    void ofGivesTheDocumentedDefaultsAndEachWitherChangesItsOwnComponentOnly() throws Exception {
        List<DatasetSpec> datasets = List.of(DatasetSpec.id("synthetic-brain-mri"));
        BackboneSpec backbone = BackboneSpec.defaults();
        DataCatalog catalog = DataCatalog.builtIn(folder);
        Path out = folder.resolve("out");
        EvalPipeline.Request base = EvalPipeline.Request.of(datasets, backbone, catalog, out);

        Evaluation.Settings defaults = Evaluation.Settings.defaults();
        LocalEvaluation.Settings none = LocalEvaluation.Settings.defaults().withMethods(Set.of());
        assertEquals(new EvalPipeline.Request(datasets, backbone, defaults, DeploymentStudy.Plan.NONE, out,
                EmbeddedDataset.defaultCache(), catalog, BadImagePolicy.FAIL, false, List.of(), false, none), base);
        assertFalse(base.overwrite(), "an earlier run is kept unless the caller asks to replace it");

        Evaluation.Settings gdeOnly = defaults.withMethods(Set.of(BuiltInMethod.GDE));
        DeploymentStudy.Plan study = new DeploymentStudy.Plan(new double[] {0.1}, new int[0], 3);
        Path cache = folder.resolve("cache");
        List<String> command = List.of("msde-eval", "--data", "x");
        LocalEvaluation.Settings local = LocalEvaluation.Settings.defaults();
        EvalPipeline.Request all = base.withSettings(gdeOnly).withStudy(study).withCache(cache)
                .withBadImages(BadImagePolicy.SKIP).withOffline(true).withCommandLine(command).withOverwrite(true)
                .withLocal(local);

        assertEquals(new EvalPipeline.Request(datasets, backbone, gdeOnly, study, out, cache, catalog, BadImagePolicy.SKIP,
                true, command, true, local), all);
    }
}
