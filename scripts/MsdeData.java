///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.msde4j.data.DataCatalog;
import org.msde4j.data.DatasetStatus;
import org.msde4j.data.Verification;
import org.msde4j.data.synthetic.Difficulty;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.io.Downloader;
import org.msde4j.io.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-data: list, fetch, verify and explain the datasets of msde4j, and generate synthetic brain MRI. */
@Command(name = "msde-data", mixinStandardHelpOptions = true,
        description = "Datasets of msde4j: list their status, fetch or generate them, verify them, print manual steps.",
        subcommands = {MsdeData.ListDatasets.class, MsdeData.FetchDataset.class, MsdeData.VerifyDataset.class, MsdeData.ShowSteps.class,
                MsdeData.GenerateSynthetic.class})
public class MsdeData {

    @Option(names = "--data-root", description = "Folder of the datasets (default: -Dmsde4j.data, $MSDE4J_DATA or ~/.msde4j/data).")
    Path root;

    DataCatalog catalog() throws Exception {
        return root == null ? DataCatalog.builtIn() : DataCatalog.builtIn(root);
    }

    public static void main(String[] args) {
        Cli.run("msde-data", new MsdeData(), args);
    }

    @Command(name = "list", description = "Every dataset with its status under the data root: missing, partial or complete.")
    static class ListDatasets implements Callable<Integer> {
        @CommandLine.ParentCommand
        MsdeData parent;

        @Override
        public Integer call() throws Exception {
            DataCatalog catalog = parent.catalog();
            System.out.println("data root: " + catalog.root());
            catalog.list().forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "fetch", description = "Download (or generate) a dataset, verify it and put it in place; prints the manual steps for gated sources.")
    static class FetchDataset implements Callable<Integer> {
        @CommandLine.ParentCommand
        MsdeData parent;
        @Parameters(paramLabel = "ID", description = "Dataset id (see list).")
        String id;
        @Option(names = "--offline", description = "Never use the network.")
        boolean offline;

        @Override
        public Integer call() throws Exception {
            Downloader.Options options = Downloader.Options.defaults().withProgress(new DownloadBar());
            parent.catalog().fetch(id, offline ? options.withOffline(true) : options, System.out::println);
            return 0;
        }
    }

    @Command(name = "verify", description = "Check a dataset: listed files, counts against the manifest, every image decodes.")
    static class VerifyDataset implements Callable<Integer> {
        @CommandLine.ParentCommand
        MsdeData parent;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            Verification v = parent.catalog().verify(id);
            System.out.println(v);
            return v.ok() ? 0 : 1;
        }
    }

    @Command(name = "steps", description = "Licence, access conditions, sources and the exact steps to get a dataset by hand.")
    static class ShowSteps implements Callable<Integer> {
        @CommandLine.ParentCommand
        MsdeData parent;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            System.out.print(parent.catalog().instructions(id));
            return 0;
        }
    }

    @Command(name = "synthetic", description = "Generate synthetic brain MRI (images/ + data.json) into a new folder.")
    static class GenerateSynthetic implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "New folder to create.")
        Path out;
        @Option(names = "--size", defaultValue = "128", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--train", defaultValue = "600", description = "Training normals (default ${DEFAULT-VALUE}).")
        int train;
        @Option(names = "--test-normal", defaultValue = "200", description = "Normal test images (default ${DEFAULT-VALUE}).")
        int testNormal;
        @Option(names = "--test-abnormal", defaultValue = "200", description = "Test images with a tumour (default ${DEFAULT-VALUE}).")
        int testAbnormal;
        @Option(names = "--difficulty", defaultValue = "MEDIUM", description = "EASY, MEDIUM or HARD (default ${DEFAULT-VALUE}).")
        Difficulty difficulty;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            SyntheticBrainMri.Options options = new SyntheticBrainMri.Options(size, train, testNormal, testAbnormal, difficulty, seed);
            System.out.println(SyntheticBrainMri.write(options, out) + " in " + out.toAbsolutePath());
            return 0;
        }
    }

    /** Shows each downloaded file's bytes with msde4j's progress bar (plain lines in logs). */
    static final class DownloadBar implements Downloader.Progress {
        private Progress bar;
        private long shown;
        private long total = -1;

        @Override
        public void update(long bytes, long total) {
            if (total <= 0) {
                return;
            }
            if (bar == null || total != this.total || bytes < shown) {
                bar = Progress.on(System.err, "downloading (bytes)", total);
                this.total = total;
                shown = 0;
            }
            bar.advance(bytes - shown);
            shown = bytes;
            if (bytes == total) {
                bar.done();
                bar = null;
            }
        }
    }
}
