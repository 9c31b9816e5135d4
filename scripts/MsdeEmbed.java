///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j:0.1.0-SNAPSHOT
//DEPS info.picocli:picocli:4.7.7
//SOURCES common/Cli.java
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.msde4j.data.Sample;
import org.msde4j.io.AtomicFiles;
import org.msde4j.io.Csv;
import org.msde4j.io.Npy;
import org.msde4j.io.RunFolder;
import org.msde4j.pipeline.BackboneSpec;
import org.msde4j.pipeline.DatasetSpec;
import org.msde4j.pipeline.EmbeddedDataset;
import org.msde4j.pipeline.EmbeddedSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** msde-embed: embeds a dataset's training normals and test images into the cache (and optionally --out). */
@Command(name = "msde-embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Embeds the normal training images and the test images of a dataset with a backbone, once: the "
                + "embeddings go to the cache (.npy + JSON sidecar), where msde-eval and msde-fit find them. With --out, "
                + "also writes train.npy, test.npy (float32, one row per image) and samples.csv (row, split, label, image).")
public class MsdeEmbed implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", arity = "0..1", description = "A dataset id (default: synthetic-brain-mri, unless --folder/--npz/--list).")
    String id;
    @Mixin
    DataMixin data;
    @Mixin
    BackboneMixin backbone;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the folder layout's train/test split (default: ${DEFAULT-VALUE}).")
    long seed;
    @Mixin
    BadImagesMixin badImages;
    @Option(names = "--out", description = "Also write the embeddings as .npy files into this folder: a new folder, or an earlier run's with --overwrite.")
    Path out;
    @Mixin
    OverwriteMixin output;

    public static void main(String[] args) {
        Cli.run("msde-embed", new MsdeEmbed(), args);
    }

    @Override
    public Integer call() throws Exception {
        DatasetSpec spec = data.oneSpec(id);
        BackboneSpec b = backbone.spec();
        List<Path> read = new ArrayList<>(List.of(spec.location(data.catalog())));
        b.localSource().ifPresent(read::add);
        try (RunFolder run = out == null ? null : RunFolder.begin(out, output.rules().withInputs(read))) {
            EmbeddedDataset embedded = EmbeddedDataset.of(spec, b, data.catalog(), backbone.cache(), seed,
                    backbone.offline(), badImages.policy(), System.out);
            EmbeddedSplit train = embedded.train();
            EmbeddedSplit test = embedded.test();
            System.out.printf("%s with %s: %d training and %d test embeddings of dimension %d, cached in %s%n",
                    embedded.name(), embedded.backboneName(), train.rows().length, test.rows().length,
                    train.rows()[0].length, backbone.cache().resolve("embeddings"));
            if (run != null) {
                write(run.file("train.npy"), train.rows());
                write(run.file("test.npy"), test.rows());
                StringBuilder csv = new StringBuilder("row,split,label,image\n");
                for (EmbeddedSplit split : List.of(train, test)) {
                    for (int i = 0; i < split.samples().size(); i++) {
                        Sample x = split.samples().get(i);
                        csv.append(i).append(',').append(x.split().name().toLowerCase(Locale.ROOT)).append(',')
                                .append(x.label()).append(',').append(Csv.field(x.image().name())).append('\n');
                    }
                }
                AtomicFiles.writeString(run.file("samples.csv"), csv.toString());
                run.commit();
                System.out.println("wrote " + out.toAbsolutePath() + "/{train.npy, test.npy, samples.csv}");
            }
        }
        return 0;
    }

    private static void write(Path file, double[][] rows) throws Exception {
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) rows[i][j];
            }
        }
        AtomicFiles.write(file, o -> Npy.writeFloat32(o, flat, rows.length, d));
    }
}
