package org.msde4j.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.msde4j.data.synthetic.SyntheticBrainMri;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.Embedder;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.TorchScriptBackbone;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;

/**
 * Measurement main (not a test), two parts:
 * <ol>
 *   <li>Throughput: a ResNet-18-sized TorchScript model at 224 px, batches of 32, through msde4j
 *       ({@link Embedder}: grey 224×224 pixels → paper preprocessing → model → float rows) against a
 *       bare DJL {@code Predictor<NDList, NDList>} fed a ready-made input tensor on the same model.
 *       Each round times both on the same 64 in-memory images, in alternating order; medians, the
 *       spread, and the median of the per-round overheads (paired, so load drift cancels) are printed.</li>
 *   <li>Memory: {@code memImages} PNG files (64×64 grey stand-in slices) embedded from disk with the
 *       committed tiny model at 224 px; heap in use after a GC, process RSS and peak RSS since the
 *       embedding started are printed every 1000 images.</li>
 * </ol>
 * Run with the model from {@code scripts/dev/make-test-torchscript.py resnet18 /tmp/resnet18.pt}:
 * {@code ./jbang msde-bench embedding /tmp/resnet18.pt [--rounds R] [--memory-images N]}.
 */
public final class EmbeddingThroughputBench {

    private static final int BATCH = 32;

    private EmbeddingThroughputBench() {
    }

    /**
     * @param resnet    a TorchScript ResNet-18 file
     * @param rounds    throughput rounds (0: none)
     * @param memImages PNG files embedded for the memory measurement (0: none)
     */
    static void run(Path resnet, int rounds, int memImages) throws Exception {
        Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "libtorch intra-op threads: %d, inter-op: %d, CPUs: %d%n",
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), Runtime.getRuntime().availableProcessors());
        if (rounds > 0) {
            throughput(resnet, rounds);
        }
        if (memImages > 0) {
            memory(memImages);
        }
    }

    private static void throughput(Path model, int rounds) throws Exception {
        int images = 2 * BATCH;
        List<ImageRef> refs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            Pixels slice = SyntheticBrainMri.normalSlice(224, 1L * 1_000_003L + i);
            refs.add(new ImageRef.Array("slices", i, () -> slice));
        }
        Preprocessing paper = Preprocessing.paper();
        float[] input = new float[BATCH * paper.length()];
        for (int i = 0; i < BATCH; i++) {
            paper.apply(SyntheticBrainMri.normalSlice(224, 1L * 1_000_003L + i), input, i * paper.length());
        }
        double[] ours = new double[rounds];
        double[] bare = new double[rounds];
        try (Backbone backbone = TorchScriptBackbone.load(model, paper);
             Model djl = Model.newInstance("bare", Device.cpu(), "PyTorch")) {
            djl.load(model);
            try (Predictor<NDList, NDList> predictor = djl.newPredictor(new NoopTranslator());
                 NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray tensor = manager.create(FloatBuffer.wrap(input), new Shape(BATCH, 3, 224, 224));
                Embedder.embed(backbone, refs.subList(0, BATCH), Embedder.Options.defaults());
                barePass(predictor, tensor, 1);
                for (int r = 0; r < rounds; r++) {
                    boolean oursFirst = r % 2 == 0;
                    long t0 = System.nanoTime();
                    if (oursFirst) {
                        Embedder.embed(backbone, refs, Embedder.Options.defaults().withBatchSize(BATCH));
                    } else {
                        barePass(predictor, tensor, images / BATCH);
                    }
                    long t1 = System.nanoTime();
                    if (oursFirst) {
                        barePass(predictor, tensor, images / BATCH);
                    } else {
                        Embedder.embed(backbone, refs, Embedder.Options.defaults().withBatchSize(BATCH));
                    }
                    long t2 = System.nanoTime();
                    ours[r] = images / ((oursFirst ? t1 - t0 : t2 - t1) / 1e9);
                    bare[r] = images / ((oursFirst ? t2 - t1 : t1 - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "round %d: msde4j %.2f images/s, bare Predictor %.2f images/s%n",
                            r + 1, ours[r], bare[r]);
                }
            }
        }
        double m = median(ours);
        double b = median(bare);
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = bare[r] / ours[r] - 1;
        }
        System.out.println();
        System.out.println("| path | images/s (median) | min–max | overhead: ratio of medians | overhead: median of paired rounds |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| bare DJL Predictor, ready tensor | %.2f | %.2f–%.2f | — | — |%n", b, min(bare), max(bare));
        System.out.printf(Locale.ROOT, "| msde4j Embedder, pixels → paper preset → model | %.2f | %.2f–%.2f | %.1f %% | %.1f %% |%n",
                m, min(ours), max(ours), 100 * (b / m - 1), 100 * median(ratio));
        System.out.println();
    }

    private static void barePass(Predictor<NDList, NDList> predictor, NDArray tensor, int batches) throws Exception {
        for (int i = 0; i < batches; i++) {
            NDList out = predictor.predict(new NDList(tensor));
            float[] values = out.head().toFloatArray();
            if (values.length == 0) {
                throw new IllegalStateException("empty output");
            }
            out.close();
        }
    }

    private static void memory(int count) throws IOException {
        Path dir = Files.createTempDirectory("msde4j-mem");
        List<ImageRef> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pixels p = SyntheticBrainMri.normalSlice(64, 3L * 1_000_003L + i);
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setPixels(0, 0, 64, 64, p.values());
            Path file = dir.resolve(String.format(Locale.ROOT, "slice-%05d.png", i));
            ImageIO.write(img, "png", file.toFile());
            files.add(new ImageRef.File(file));
        }
        Path tiny = Paths.get(EmbeddingThroughputBench.class.getResource("/org/msde4j/embed/tiny-embedder.pt").getPath());
        System.out.println("| images embedded | heap in use after GC (MiB) | RSS (MiB) | peak RSS since start (MiB) | s |");
        System.out.println("|---|---|---|---|---|");
        System.gc();
        // Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so it covers embedding only.
        Files.writeString(Paths.get("/proc/self/clear_refs"), "5");
        long start = System.nanoTime();
        int[] next = {1000};
        try (Backbone backbone = TorchScriptBackbone.load(tiny, Preprocessing.paper())) {
            Embedder.embed(backbone, files, Embedder.Options.defaults().withListener((done, total) -> {
                if (done >= next[0] || done == total) {
                    next[0] += 1000;
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f |%n", done, heap / 1048576.0,
                            status("VmRSS") / 1024.0, status("VmHWM") / 1024.0, (System.nanoTime() - start) / 1e9);
                }
            }));
        }
        try (var paths = Files.list(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** A field of /proc/self/status in KiB. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
