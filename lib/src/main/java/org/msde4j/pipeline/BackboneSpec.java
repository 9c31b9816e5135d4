package org.msde4j.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.msde4j.data.Sample;
import org.msde4j.embed.Backbone;
import org.msde4j.embed.BadImagePolicy;
import org.msde4j.embed.EmbeddingCache;
import org.msde4j.embed.ImageContent;
import org.msde4j.embed.Preprocessing;
import org.msde4j.embed.RawPixelBackbone;
import org.msde4j.embed.SelfSupervisedBackbone;
import org.msde4j.embed.SelfSupervisedOptions;
import org.msde4j.embed.SelfSupervisedTraining;
import org.msde4j.embed.SyntheticAnomaly;
import org.msde4j.embed.TorchScriptBackbone;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageFormatException;
import org.msde4j.image.ImageRef;
import org.msde4j.io.Downloader;
import org.msde4j.io.OutputRules;
import org.msde4j.io.Progress;
import org.msde4j.io.RunFolder;
import org.msde4j.io.Sha256;

/**
 * A backbone as a user names it on the command line, and how to get it ready.
 *
 * <ul>
 *   <li>{@code ssl}: the self-supervised backbone trained on the dataset's normal training images
 *       (once; cached under {@code CACHE/backbones/ssl-KEY}, KEY a hash of the images and settings);</li>
 *   <li>{@code ssl:DIR}: a self-supervised backbone trained before (a folder with {@code backbone.json});</li>
 *   <li>{@code torchscript:PATH_OR_URL}: a TorchScript file, or a URL fetched once into
 *       {@code CACHE/models} (checked against {@code sha256} when given), with the paper's
 *       preprocessing at {@code imageSize} (default 224);</li>
 *   <li>{@code pixels}: raw grey pixels resized to {@code imageSize} (default 32), the baseline;</li>
 *   <li>{@code auto}: {@code ssl} or raw pixels at {@value #AUTO_PIXELS_SIZE} px, whichever scores higher in
 *       the {@link LabelFreeCheck}.</li>
 * </ul>
 * Training {@code ssl} or choosing for {@code auto} runs the label-free check of the learned embedding and
 * of raw pixels at {@value #AUTO_PIXELS_SIZE} px on the normal training images and says which is ahead.
 *
 * <p><b>Few normals.</b> With fewer than {@value SelfSupervisedOptions#FEW_NORMALS} normal images,
 * {@code ssl} and {@code auto} embed raw pixels at {@value #AUTO_PIXELS_SIZE} px instead of training,
 * unless {@code trainOnFewNormals}: on the 60-normal subset of the chest X-rays every trained backbone
 * lost to them, the default by 0.3 AUROC, and on real brain MRI with about 60 normals the default lost
 * too ({@code docs/embeddings.md}, "Few normals").
 *
 * @param kind       which kind
 * @param location   the folder, file or URL ({@code null} for {@code ssl} and {@code pixels})
 * @param imageSize  input size, or 0 for the kind's default
 * @param sha256     expected SHA-256 of a downloaded TorchScript file, or null
 * @param ssl        training settings of {@code ssl}
 * @param preset     when not null, {@code ssl}'s epochs, batch and held-out share are sized to the number of
 *                   normal images by {@link SelfSupervisedOptions#sizedTo(int, SelfSupervisedOptions.Preset)}
 * @param trainOnFewNormals train {@code ssl} even on fewer than {@value SelfSupervisedOptions#FEW_NORMALS}
 *                   normal images (the user asked for training settings), instead of using raw pixels
 */
public record BackboneSpec(Kind kind, String location, int imageSize, String sha256, SelfSupervisedOptions ssl,
                           SelfSupervisedOptions.Preset preset, boolean trainOnFewNormals) {

    /** The kinds of backbone. */
    public enum Kind {
        SSL, TORCHSCRIPT, PIXELS, AUTO
    }

    /** Default raw-pixel size. */
    public static final int PIXELS_SIZE = 32;

    /**
     * Raw-pixel size that {@code auto} weighs the learned embedding against: of 16, 32 and 64 px, 16 px
     * gave the highest kNN and GDE AUROC on the chest X-rays' validation split and the synthetic set.
     */
    public static final int AUTO_PIXELS_SIZE = 16;

    /** Parses {@code ssl}, {@code ssl:DIR}, {@code torchscript:PATH_OR_URL} or {@code pixels}. */
    public static BackboneSpec parse(String text, int imageSize, String sha256, SelfSupervisedOptions ssl) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String head = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? null : t.substring(colon + 1);
        Kind kind = switch (head) {
            case "ssl" -> Kind.SSL;
            case "torchscript" -> Kind.TORCHSCRIPT;
            case "pixels" -> Kind.PIXELS;
            case "auto" -> Kind.AUTO;
            default -> throw new IllegalArgumentException("option --backbone: unknown backbone \"" + text
                    + "\"; use ssl, ssl:DIR, torchscript:PATH_OR_URL, pixels or auto.");
        };
        if (kind == Kind.TORCHSCRIPT && (rest == null || rest.isBlank())) {
            throw new IllegalArgumentException("option --backbone torchscript: needs a file or URL, e.g. "
                    + "torchscript:models/resnet18.pt or torchscript:https://host/resnet18.pt.");
        }
        if ((kind == Kind.PIXELS || kind == Kind.AUTO) && rest != null) {
            throw new IllegalArgumentException("option --backbone " + head + " takes no argument; set the size with "
                    + "--image-size.");
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("option --image-size must be ≥ 1 (or 0 for the backbone's default), got "
                    + imageSize + ".");
        }
        return new BackboneSpec(kind, rest, imageSize, sha256, ssl == null ? SelfSupervisedOptions.defaults() : ssl, null,
                false);
    }

    /** The same, with the training sized to the data by {@code value} (null: {@link #ssl()} as given). */
    public BackboneSpec withPreset(SelfSupervisedOptions.Preset value) {
        return new BackboneSpec(kind, location, imageSize, sha256, ssl, value, trainOnFewNormals);
    }

    /** The same, training {@code ssl} on however few normal images there are (no raw-pixel fallback). */
    public BackboneSpec trainingOnFewNormals() {
        return new BackboneSpec(kind, location, imageSize, sha256, ssl, preset, true);
    }

    /** The default: self-supervised with {@link SelfSupervisedOptions#defaults()}, trained on the dataset's normals, as msde-eval does. */
    public static BackboneSpec defaults() {
        return parse("ssl", 0, null, SelfSupervisedOptions.defaults());
    }

    /** As the user would write it. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + (location == null ? "" : ":" + location);
    }

    /**
     * A ready backbone for a dataset whose normal training images are {@code normals}: loaded, fetched,
     * or (for {@code ssl}) trained once and cached.
     *
     * @param cache    folder of cached models
     * @param offline  never use the network
     * @param log      receives progress lines
     */
    public Ready open(String dataset, List<Sample> normals, Path cache, boolean offline, PrintStream log)
            throws IOException {
        return open(dataset, normals, cache, offline, BadImagePolicy.FAIL, log);
    }

    /**
     * {@link #open(String, List, Path, boolean, PrintStream)}; with {@link BadImagePolicy#SKIP}, the
     * self-supervised backbone trains on the normal images that decode (the embedding step reports
     * the others).
     */
    public Ready open(String dataset, List<Sample> normals, Path cache, boolean offline, BadImagePolicy onBadImage,
                      PrintStream log) throws IOException {
        return switch (kind) {
            case PIXELS -> new Ready(new RawPixelBackbone(Preprocessing.unnormalised(size(PIXELS_SIZE), 1)), "pixels", 0);
            case TORCHSCRIPT -> new Ready(torchScript(cache, offline, log), toString(), 0);
            case SSL -> location != null
                    ? new Ready(SelfSupervisedBackbone.load(Path.of(location)), toString(), 0)
                    : trainedAndChecked(dataset, normals, cache, onBadImage, false, log);
            case AUTO -> trainedAndChecked(dataset, normals, cache, onBadImage, true, log);
        };
    }

    /**
     * Trains (or reuses) the self-supervised backbone on the normal images, all of them or, with
     * {@link BadImagePolicy#SKIP}, those that decode, and runs the label-free check on the same images:
     * for {@code auto} always, for {@code ssl} when it was trained now (not again for a cached backbone).
     */
    private Ready trainedAndChecked(String dataset, List<Sample> normals, Path cache, BadImagePolicy onBadImage,
                                    boolean choose, PrintStream log) throws IOException {
        List<Sample> usable = onBadImage == BadImagePolicy.SKIP ? decodable(normals) : normals;
        if (usable.size() < SelfSupervisedOptions.FEW_NORMALS && !trainOnFewNormals) {
            log.printf(Locale.ROOT, "%d normal training images, fewer than %d: raw pixels at %d px instead of a self-supervised "
                    + "backbone, which lost to them on every small set measured (docs/embeddings.md, \"Few normals\"); to "
                    + "train one anyway, give --ssl-epochs, --ssl-preset or --train-minutes, or train it with msde-backbone "
                    + "and use --backbone ssl:DIR.%n", usable.size(), SelfSupervisedOptions.FEW_NORMALS, AUTO_PIXELS_SIZE);
            return new Ready(new RawPixelBackbone(Preprocessing.unnormalised(AUTO_PIXELS_SIZE, 1)), "pixels", 0);
        }
        Ready learned = trained(dataset, usable, cache, log);
        return choose || learned.trainingSeconds() > 0 ? checked(learned, usable, choose, log) : learned;
    }

    /**
     * Runs the label-free check of the trained backbone and of raw pixels at {@value #AUTO_PIXELS_SIZE} px,
     * says which is ahead, and (when {@code choose}) returns the one ahead.
     */
    private Ready checked(Ready learned, List<Sample> normals, boolean choose, PrintStream log) throws IOException {
        List<ImageRef> images = normals.stream().map(Sample::image).toList();
        if (images.size() < LabelFreeCheck.FOLDS * (LabelFreeCheck.K + 1)) {
            log.printf(Locale.ROOT, "label-free check skipped: %d normal images, it needs %d%n", images.size(),
                    LabelFreeCheck.FOLDS * (LabelFreeCheck.K + 1));
            return learned;
        }
        Backbone raw = new RawPixelBackbone(Preprocessing.unnormalised(AUTO_PIXELS_SIZE, 1));
        Set<SyntheticAnomaly> fair = SyntheticAnomaly.notMadeBy(ssl.pretext());
        LabelFreeCheck learnedCheck = LabelFreeCheck.of(learned.backbone(), images, ssl.seed()).counting(fair);
        LabelFreeCheck pixels = LabelFreeCheck.of(raw, images, ssl.seed()).counting(fair);
        boolean rawAhead = pixels.mean() > learnedCheck.mean();
        log.printf(Locale.ROOT, "label-free check (held-out normals against synthetic anomalies, kNN-%d AUROC, %d images):%n"
                + "  %s%n  %s%n", LabelFreeCheck.K, learnedCheck.images(), learnedCheck, pixels);
        if (fair.size() < SyntheticAnomaly.values().length) {
            log.println("  (anomalies of the kind the backbone's pretext makes are not counted: it was trained to find them.)");
        }
        if (!rawAhead) {
            log.println("  the learned embedding is ahead of raw pixels on this data.");
        } else if (choose) {
            log.printf(Locale.ROOT, "  raw pixels are ahead: using them (--backbone auto).%n");
        } else {
            log.printf(Locale.ROOT, "  raw pixels are ahead of the learned embedding on this data by this check; "
                    + "--backbone auto would use them (the check is a floor, not a forecast: see docs/embeddings.md).%n");
        }
        List<LabelFreeCheck> checks = List.of(learnedCheck, pixels);
        if (choose && rawAhead) {
            learned.close();
            return new Ready(raw, "pixels", 0, checks);
        }
        raw.close();
        return new Ready(learned.backbone(), learned.spec(), learned.trainingSeconds(), checks);
    }

    private static List<Sample> decodable(List<Sample> samples) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            try {
                ImageDecoder.read(s.image());
                out.add(s);
            } catch (ImageFormatException e) {
                // reported by the embedding step, which skips the same image
            }
        }
        return out;
    }

    /** The local folder or file this backbone is read from ({@code ssl:DIR}, {@code torchscript:PATH}), if any: an input of a run. */
    public Optional<Path> localSource() {
        return location == null || remote() ? Optional.empty() : Optional.of(Path.of(location));
    }

    /** Whether {@link #location} is a URL (a TorchScript file fetched once into the cache). */
    private boolean remote() {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    /**
     * The file or folder this backbone is loaded from: the TorchScript file (for a URL, its copy in
     * {@code cache/models}, there once {@link #open} has fetched it), the self-supervised folder;
     * null for {@code pixels} (no weights) and for {@code ssl} not yet trained. What a cluster job
     * ships to its workers.
     */
    public Path weights(Path cache) {
        if (kind == Kind.PIXELS || location == null) {
            return null;
        }
        return remote() ? TorchScriptBackbone.cachedPath(URI.create(location), cache.resolve("models")) : Path.of(location);
    }

    /** The same backbone loaded from {@code copy}, a copy of its {@link #weights} (e.g. on another machine). */
    public BackboneSpec at(Path copy) {
        if (kind == Kind.PIXELS) {
            throw new IllegalArgumentException("backbone pixels has no weights to load from " + copy + ".");
        }
        return new BackboneSpec(kind, copy.toString(), imageSize, null, ssl, preset, trainOnFewNormals);
    }

    private int size(int fallback) {
        return imageSize > 0 ? imageSize : fallback;
    }

    private Backbone torchScript(Path cache, boolean offline, PrintStream log) throws IOException {
        Preprocessing p = Preprocessing.paper().withSize(size(Preprocessing.paper().size()));
        if (remote()) {
            Progress bar = Progress.on(log, "downloading " + location, 1);
            Downloader.Options options = Downloader.Options.defaults().withOffline(offline);
            TorchScriptBackbone b = TorchScriptBackbone.fetch(URI.create(location), sha256, cache.resolve("models"), p, options);
            bar.advance(1);
            bar.done();
            return b;
        }
        return TorchScriptBackbone.load(Path.of(location), p);
    }

    private Ready trained(String dataset, List<Sample> normals, Path cache, PrintStream log) throws IOException {
        SelfSupervisedOptions sized = preset == null
                ? ssl.withBatchSize(Math.max(1, Math.min(ssl.batchSize(), normals.size())))
                : ssl.sizedTo(normals.size(), preset);
        SelfSupervisedOptions options = imageSize > 0 ? sized.withInputSize(imageSize) : sized;
        List<ImageRef> images = normals.stream().map(Sample::image).toList();
        StringBuilder key = new StringBuilder(dataset).append('\n').append(options).append('\n');
        normals.forEach(s -> key.append(s.id()).append('\n'));
        key.append(ImageContent.digest(images, cache.resolve("embeddings").resolve(EmbeddingCache.CONTENT_INDEX)));
        Path dir = cache.resolve("backbones").resolve("ssl-" + Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16));
        if (Files.isRegularFile(dir.resolve(SelfSupervisedBackbone.METADATA))) {
            log.println("self-supervised backbone: using the one trained before in " + dir);
            return new Ready(SelfSupervisedBackbone.load(dir), "ssl:" + dir, 0);
        }
        log.printf(Locale.ROOT, "self-supervised backbone: training on %d normal images of %s (%s, at most %d epochs%s, "
                        + "%d thread%s; once, cached in %s)%n", normals.size(), dataset, options.pretext().key(), options.epochs(),
                options.minutes() > 0 ? String.format(Locale.ROOT, " within %.1f min", options.minutes()) : "",
                options.threads(), options.threads() == 1 ? "" : "s", dir);
        long start = System.nanoTime();
        SelfSupervisedTraining.Report report;
        try (RunFolder run = RunFolder.begin(dir, OutputRules.NEW_FOLDER, RunFolder.Kind.BACKBONE)) {
            report = SelfSupervisedTraining.train(images, options, run.folder(),
                    epoch -> log.println("training backbone: " + epoch));
            run.commit();
        } catch (ImageFormatException e) {
            throw new ImageFormatException(e.image(), e.problem() + " (while training the self-supervised backbone)",
                    BadImagePolicy.REMEDY);
        }
        if (report.heldOutLoss().stream().allMatch(loss -> loss.isNaN())) {
            log.printf(Locale.ROOT, "training backbone: %d epochs in %.0f s%n", report.loss().size(), report.seconds());
        } else {
            log.printf(Locale.ROOT, "training backbone: kept the weights of epoch %d (lowest held-out pretext loss), %.0f s%n",
                    report.bestEpoch(), report.seconds());
        }
        return new Ready(SelfSupervisedBackbone.load(dir), "ssl:" + dir, (System.nanoTime() - start) / 1e9);
    }

    /**
     * A backbone ready to embed.
     *
     * @param backbone        the backbone (close it when done)
     * @param spec            how to open the same backbone again (recorded in model files)
     * @param trainingSeconds time spent training it now (0 when loaded)
     * @param checks          the label-free check of the learned embedding and of raw pixels, when run
     */
    public record Ready(Backbone backbone, String spec, double trainingSeconds, List<LabelFreeCheck> checks)
            implements AutoCloseable {

        public Ready {
            checks = List.copyOf(checks);
        }

        /** A backbone without a label-free check. */
        public Ready(Backbone backbone, String spec, double trainingSeconds) {
            this(backbone, spec, trainingSeconds, List.of());
        }

        @Override
        public void close() {
            backbone.close();
        }
    }
}
