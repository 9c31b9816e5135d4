package org.msde4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.io.Archives;
import org.msde4j.io.BadArchiveException;
import org.msde4j.io.Downloader;
import org.msde4j.io.OutputRules;
import org.msde4j.io.RunFolder;

/**
 * Gets a dataset into the data root without ever showing a half-finished folder:
 *
 * <ol>
 *   <li>download each file into {@code root/.downloads/} ({@link Downloader}: a {@code .part}
 *       file that resumes, SHA-256 checked before the final name appears) — or generate the data;</li>
 *   <li>unpack into a scratch folder, refusing entries that escape it, and move the dataset's
 *       files from there into the staging folder of a {@link RunFolder} for {@code root/ID};</li>
 *   <li>verify the staged dataset against the manifest (files, counts, decoding);</li>
 *   <li>commit the run folder: one rename puts it at {@code root/ID}; an earlier copy that msde4j
 *       fetched has its files replaced, and only those (a folder that msde4j did not write is refused,
 *       so files a person put there are never lost); then delete the downloaded archives.</li>
 * </ol>
 * On any failure the scratch and staging folders are deleted; downloads are kept so that the next attempt
 * resumes. An archive whose bytes are bad ({@link BadArchiveException}) is deleted so that it is fetched anew;
 * one that failed to unpack for another reason (a full disk) is kept and unpacked again next time.
 */
final class DatasetInstaller {

    /** Folder under the data root that holds downloads in progress and finished archives. */
    static final String DOWNLOADS = ".downloads";

    private DatasetInstaller() {
    }

    static Path install(Manifest manifest, Manifest.Source source, Path root, Downloader.Options options,
                        Consumer<String> log) throws IOException {
        String id = manifest.id();
        Path target = root.resolve(id);
        if (Files.isDirectory(target) && !RunFolder.writtenByMsde4j(target) && !isEmpty(target)) {
            throw new IOException("dataset folder " + target + " is incomplete and was not put there by msde4j, so msde4j "
                    + "will not replace it: complete it by hand (./jbang msde-data steps " + id + "; check it with "
                    + "./jbang msde-data verify " + id + "), or move it away and fetch again.");
        }
        try (RunFolder scratch = RunFolder.begin(root.resolve("." + id + ".unpacked"), OutputRules.NEW_FOLDER, RunFolder.Kind.DATASET);
             RunFolder run = RunFolder.begin(target, OutputRules.NEW_FOLDER.withOverwrite(true), RunFolder.Kind.DATASET)) {
            Path unpacked = scratch.folder();
            List<Path> downloads = List.of();
            Path dataset;
            if (source.kind() == Manifest.SourceKind.GENERATED) {
                dataset = generate(manifest, source.generator(), unpacked.resolve("generated"), log);
            } else {
                downloads = download(id, source, root, unpacked, options, log);
                dataset = unpacked.resolve(source.root()).normalize();
            }
            if (!dataset.startsWith(unpacked) || !Files.isDirectory(dataset)) {
                throw new IOException("the files of " + id + " did not unpack to a folder \"" + source.root()
                        + "\" (found: " + listing(unpacked) + "): the source changed — report it so the manifest is fixed.");
            }
            try (Stream<Path> children = Files.list(dataset)) {
                for (Path child : children.filter(c -> !c.getFileName().toString().equals(RunFolder.MARKER)).toList()) {
                    Files.move(child, run.folder().resolve(child.getFileName().toString()));
                }
            }
            log.accept("verifying " + id + " …");
            Verification check = DatasetVerifier.verify(manifest, run.folder());
            if (!check.ok()) {
                throw new IOException("the fetched " + id + " failed verification, so it was not put in place:\n  "
                        + String.join("\n  ", check.problems()));
            }
            run.commit();
            for (Path d : downloads) {
                Files.deleteIfExists(d);
            }
            log.accept(id + " is complete in " + target + ": " + check.found());
            return target;
        }
    }

    /** Generates the synthetic dataset into {@code folder}, with the manifest's counts. */
    private static Path generate(Manifest manifest, Manifest.Generator generator, Path folder, Consumer<String> log)
            throws IOException {
        SplitCounts counts = manifest.splits().counts();
        SyntheticBrainMri.Options options = new SyntheticBrainMri.Options(generator.size(), counts.trainNormal(),
                counts.testNormal(), counts.testAbnormal(), generator.difficulty(), generator.seed());
        log.accept("generating synthetic brain MRI (" + options + ") …");
        SyntheticBrainMri.write(options, folder);
        return folder;
    }

    private static List<Path> download(String id, Manifest.Source source, Path root, Path unpacked,
                                       Downloader.Options options, Consumer<String> log) throws IOException {
        Path downloads = root.resolve(DOWNLOADS);
        List<Path> files = new ArrayList<>();
        for (Manifest.RemoteFile file : source.files()) {
            Path local = downloads.resolve(file.file());
            log.accept("downloading " + file.url() + " → " + local
                    + (file.sha256() == null ? " (no checksum known: only counts and decoding are checked)" : ""));
            try {
                Downloader.fetch(java.net.URI.create(file.url()), local, file.sha256(), options);
            } catch (IOException e) {
                throw new IOException("dataset " + id + ": " + e.getMessage(), e);
            }
            files.add(local);
            if (file.format() == Manifest.Format.FILE) {
                Files.createDirectories(unpacked);
                Files.copy(local, unpacked.resolve(file.file()), StandardCopyOption.REPLACE_EXISTING);
            } else {
                log.accept("unpacking " + file.file() + " …");
                try {
                    Archives.extract(local, unpacked);
                } catch (BadArchiveException e) {
                    Files.deleteIfExists(local);
                    throw new IOException("dataset " + id + ": " + e.getMessage() + " (" + local
                            + " was deleted, so the next fetch downloads it anew)", e);
                } catch (IOException e) {
                    throw new IOException("dataset " + id + ": unpacking " + local + " failed ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the archive was kept there: "
                            + "free disk space under " + root + " (or fix the problem named), then fetch " + id
                            + " again — it is unpacked from that file, not downloaded again.", e);
                }
            }
        }
        return files;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.findAny().isEmpty();
        }
    }

    private static String listing(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return "nothing";
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

}
