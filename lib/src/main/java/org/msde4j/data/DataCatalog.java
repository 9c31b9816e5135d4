package org.msde4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.msde4j.io.Downloader;

/**
 * The datasets msde4j knows (one {@link Manifest} each) and a data root folder where they live,
 * one sub-folder per id: list them with their status, fetch them, verify them, load them, or
 * print what a person must do for sources that need registration.
 *
 * <p>The data root is {@code -Dmsde4j.data}, else the environment variable {@code MSDE4J_DATA},
 * else {@code ~/.msde4j/data}.
 *
 * <pre>{@code
 * DataCatalog catalog = DataCatalog.builtIn();
 * catalog.list().forEach(System.out::println);
 * catalog.fetch("synthetic-brain-mri", Downloader.Options.defaults(), System.out::println);
 * Dataset data = catalog.load("synthetic-brain-mri");
 * }</pre>
 */
public final class DataCatalog {

    /** Where the built-in manifests sit on the class path (copied from {@code data-manifest/datasets/}). */
    static final String RESOURCE_FOLDER = "/org/msde4j/data/manifest/";
    /** The JSON Schema beside the manifests; not a manifest itself. */
    static final String SCHEMA_FILE = "manifest.schema.json";

    private final Map<String, Manifest> manifests;
    private final Path root;

    private DataCatalog(Map<String, Manifest> manifests, Path root) {
        this.manifests = Collections.unmodifiableMap(new TreeMap<>(manifests));
        this.root = root.toAbsolutePath().normalize();
    }

    /** The data root: {@code -Dmsde4j.data}, {@code MSDE4J_DATA}, or {@code ~/.msde4j/data}. */
    public static Path defaultRoot() {
        String configured = System.getProperty("msde4j.data", System.getenv("MSDE4J_DATA"));
        return configured != null && !configured.isBlank() ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".msde4j", "data");
    }

    /** The manifests shipped with msde4j, over the default data root. */
    public static DataCatalog builtIn() throws IOException {
        return builtIn(defaultRoot());
    }

    /** The manifests shipped with msde4j, over {@code root}. */
    public static DataCatalog builtIn(Path root) throws IOException {
        URL url = DataCatalog.class.getResource(RESOURCE_FOLDER);
        if (url == null) {
            throw new IOException("the built-in dataset manifests are missing from the class path (" + RESOURCE_FOLDER
                    + "): the msde4j jar is incomplete — rebuild it with mvn package.");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return fromFolder(Paths.get(uri), root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return fromFolder(jar.provider().getPath(uri), root);
            } catch (FileSystemAlreadyExistsException e) {
                return fromFolder(FileSystems.getFileSystem(uri).provider().getPath(uri), root);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the built-in manifests at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code *.json} manifest of {@code folder} (the schema excluded), over {@code root}. */
    public static DataCatalog fromFolder(Path folder, Path root) throws IOException {
        Map<String, Manifest> manifests = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(SCHEMA_FILE)).sorted().toList();
        }
        for (Path file : files) {
            Manifest m;
            try (InputStream in = Files.newInputStream(file)) {
                m = Manifest.read(in, file.toString());
            }
            String expected = m.id() + ".json";
            if (!file.getFileName().toString().equals(expected)) {
                throw new IOException("manifest " + file + " has id \"" + m.id() + "\": rename the file to " + expected
                        + " or fix the id.");
            }
            manifests.put(m.id(), m);
        }
        if (manifests.isEmpty()) {
            throw new IOException("no dataset manifests (*.json) in " + folder + ".");
        }
        return new DataCatalog(manifests, root);
    }

    /** The same manifests over another data root. */
    public DataCatalog withRoot(Path value) {
        return new DataCatalog(manifests, value);
    }

    /** The data root folder. */
    public Path root() {
        return root;
    }

    /** The known dataset ids, sorted. */
    public List<String> ids() {
        return List.copyOf(manifests.keySet());
    }

    /** The manifest of {@code id}, or an error that lists the known ids. */
    public Manifest manifest(String id) {
        Manifest m = manifests.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown dataset id \"" + id + "\"; known ids: " + String.join(", ", ids())
                    + ". For images of your own use a folder with normal/ and abnormal/ (--folder, FolderLayout) or a CSV list (--list, CsvLayout).");
        }
        return m;
    }

    /** Where dataset {@code id} lives: {@code root/id}. */
    public Path folder(String id) {
        return root.resolve(manifest(id).id());
    }

    /** Whether {@code id} is missing, partial or complete; reads the file lists, decodes no image. */
    public DatasetStatus status(String id) {
        Manifest m = manifest(id);
        Path folder = folder(id);
        if (!Files.isDirectory(folder)) {
            return new DatasetStatus(id, DatasetStatus.State.MISSING, "not in " + folder);
        }
        try {
            SplitCounts found = m.layout().load(folder, id).counts();
            List<String> differences = m.splits().counts().differencesFrom(found);
            return differences.isEmpty() ? new DatasetStatus(id, DatasetStatus.State.COMPLETE, found.toString())
                    : new DatasetStatus(id, DatasetStatus.State.PARTIAL, String.join("; ", differences));
        } catch (IOException | RuntimeException e) {
            return new DatasetStatus(id, DatasetStatus.State.PARTIAL, e.getMessage());
        }
    }

    /** The status of every known dataset. */
    public List<DatasetStatus> list() {
        return ids().stream().map(this::status).toList();
    }

    /**
     * Loads dataset {@code id} from the data root, checking its counts against the manifest.
     *
     * @throws IOException when it is missing, incomplete, or its counts differ; the message says what to do
     */
    public Dataset load(String id) throws IOException {
        Manifest m = manifest(id);
        Path folder = folder(id);
        if (!Files.isDirectory(folder)) {
            throw new IOException("dataset " + id + " is not in " + folder + ": " + (m.automaticSource().isPresent()
                    ? howToGet(id) : "get it by hand — " + instructions(id)));
        }
        Dataset dataset = m.layout().load(folder, id);
        List<String> differences = m.splits().counts().differencesFrom(dataset.counts());
        if (!differences.isEmpty()) {
            throw new IOException("dataset " + id + " in " + folder + " does not have the manifest's counts ("
                    + String.join("; ", differences) + ")" + DatasetVerifier.countSource(m) + ".");
        }
        return dataset;
    }

    /** Checks dataset {@code id}: its files, its counts, and that every image decodes (slow for big sets). */
    public Verification verify(String id) {
        return DatasetVerifier.verify(manifest(id), folder(id));
    }

    /**
     * Puts dataset {@code id} in place: downloads (resuming, checking SHA-256 where known) and
     * unpacks its files, or generates it, into a staging folder; verifies it there; and only then
     * moves it to {@link #folder}. A complete dataset is left as it is.
     *
     * @param options network settings (offline mode refuses to download)
     * @param log     receives one line per step
     * @return the dataset's folder
     * @throws IOException for sources that need a person (the message holds the steps), failed
     *                     downloads, bad archives, or a result that fails verification
     */
    public Path fetch(String id, Downloader.Options options, Consumer<String> log) throws IOException {
        Manifest m = manifest(id);
        if (status(id).complete()) {
            log.accept(id + " is already complete in " + folder(id));
            return folder(id);
        }
        Manifest.Source source = m.automaticSource().orElseThrow(() -> new IOException(
                id + " cannot be downloaded automatically.\n" + instructions(id)));
        return DatasetInstaller.install(m, source, root, options, log);
    }

    /**
     * One line on how to get dataset {@code id}: the command that fetches (or generates) it, or, when a
     * person must download it, the command that prints the steps ({@link #instructions} in full).
     */
    public String howToGet(String id) {
        return manifest(id).automaticSource().isPresent()
                ? "fetch it with ./jbang msde-data fetch " + id + " (or DataCatalog.fetch)"
                : "get it by hand: ./jbang msde-data steps " + id + " prints the licence, access conditions and steps "
                        + "(or DataCatalog.instructions)";
    }

    /** Everything a person needs to get dataset {@code id}: terms, sources, steps, target folder, layout. */
    public String instructions(String id) {
        return ManualSteps.text(manifest(id), folder(id));
    }
}
