package org.msde4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msde4j.data.synthetic.SyntheticBrainMri;

/** The manifests in {@code data-manifest/datasets/}: valid against their schema, readable, and saying what the issue table says. */
class ManifestsTest {

    private static final Path FOLDER = Paths.get("").toAbsolutePath().resolveSibling("data-manifest").resolve("datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema schema() throws IOException {
        try (InputStream in = Files.newInputStream(FOLDER.resolve(DataCatalog.SCHEMA_FILE))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(DataCatalog.SCHEMA_FILE)).sorted().toList();
        }
    }

    @Test
    void everyManifestMatchesTheSchema() throws IOException {
        Schema schema = schema();
        List<Path> files = manifestFiles();
        assertEquals(9, files.size(), "seven benchmark datasets, MedMNIST and the synthetic set: " + files);
        for (Path file : files) {
            List<Error> errors = schema.validate(JSON.readTree(file.toFile()));
            assertTrue(errors.isEmpty(), file + ": " + errors);
        }
    }

    @Test
    void theSchemaCatchesTypicalMistakes() throws IOException {
        Schema schema = schema();
        JsonNode good = JSON.readTree(FOLDER.resolve("rsna.json").toFile());
        ObjectNode noSplits = good.deepCopy();
        noSplits.remove("splits");
        ObjectNode badChecksum = good.deepCopy();
        ((ObjectNode) badChecksum.at("/sources/0/files/0")).put("sha256", "abc123");
        ObjectNode badLayout = good.deepCopy();
        ((ObjectNode) badLayout.get("layout")).put("type", "tiles");
        ObjectNode typo = good.deepCopy();
        typo.put("licence_url", "x");
        ObjectNode manualWithoutSteps = good.deepCopy();
        ((ObjectNode) manualWithoutSteps.at("/sources/1")).remove("steps");
        for (JsonNode bad : List.of(noSplits, badChecksum, badLayout, typo, manualWithoutSteps)) {
            assertFalse(schema.validate(bad).isEmpty(), "should be rejected: " + bad);
        }
    }

    @Test
    void builtInCatalogHoldsTheIssueTable() throws IOException {
        DataCatalog catalog = DataCatalog.builtIn(Paths.get("unused"));
        assertEquals(manifestFiles().stream().map(p -> p.getFileName().toString().replace(".json", "")).toList(), catalog.ids());
        Map<String, SplitCounts> table = Map.of(
                "rsna", new SplitCounts(3851, 0, 1000, 1000),
                "vindr-cxr", new SplitCounts(4000, 0, 1000, 1000),
                "brain-tumor", new SplitCounts(1000, 0, 600, 600),
                "lag", new SplitCounts(1500, 0, 811, 811),
                "isic2018", new SplitCounts(6705, 0, 909, 603),
                "camelyon16", new SplitCounts(5088, 0, 1120, 1113),
                "brats2021", new SplitCounts(4211, 0, 828, 1948));
        table.forEach((id, counts) -> assertEquals(counts, catalog.manifest(id).splits().counts(), id));
        for (String id : List.of("rsna", "vindr-cxr", "brain-tumor", "lag", "camelyon16", "brats2021")) {
            Manifest.Source bundle = catalog.manifest(id).sources().get(0);
            assertTrue(bundle.files().get(0).url().startsWith("https://zenodo.org/records/12677223/"), id);
            assertFalse(bundle.verified() || bundle.files().get(0).verified(), id + ": nothing about the bundle was checked from here");
        }
        assertTrue(catalog.manifest("brats2021").layout() instanceof FolderLayout f && f.ignored().equals(List.of("test/annotation")));
        assertTrue(catalog.manifest("isic2018").layout() instanceof Isic2018Layout);
    }

    @Test
    void syntheticManifestDescribesTheGeneratorDefaults() throws IOException {
        Manifest m = DataCatalog.builtIn(Paths.get("unused")).manifest("synthetic-brain-mri");
        SyntheticBrainMri.Options defaults = SyntheticBrainMri.Options.defaults();
        Manifest.Generator g = m.sources().get(0).generator();
        assertEquals(List.of(defaults.size(), defaults.difficulty(), defaults.seed()), List.of(g.size(), g.difficulty(), g.seed()));
        assertEquals(new SplitCounts(defaults.trainNormals(), 0, defaults.testNormals(), defaults.testAbnormals()), m.splits().counts());
    }

    @Test
    void unknownIdListsTheKnownOnes() throws IOException {
        DataCatalog catalog = DataCatalog.builtIn(Paths.get("unused"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.manifest("chexpert"));
        assertTrue(e.getMessage().startsWith("unknown dataset id \"chexpert\"; known ids: brain-tumor, brats2021, camelyon16,"),
                e.getMessage());
    }

    @Test
    void invalidManifestsNameTheFileAndTheField(@TempDir Path dir) throws IOException {
        String rsna = Files.readString(FOLDER.resolve("rsna.json"));
        IOException typo = assertThrows(IOException.class, () -> Manifest.read(
                new ByteArrayInputStream(rsna.replace("\"modality\"", "\"modalty\"").getBytes(StandardCharsets.UTF_8)), "rsna.json"));
        assertTrue(typo.getMessage().startsWith("manifest rsna.json is invalid at") && typo.getMessage().contains("modalty"),
                typo.getMessage());

        Files.writeString(dir.resolve("other.json"), rsna);
        IOException name = assertThrows(IOException.class, () -> DataCatalog.fromFolder(dir, dir));
        assertTrue(name.getMessage().contains("has id \"rsna\": rename the file to rsna.json"), name.getMessage());
    }
}
