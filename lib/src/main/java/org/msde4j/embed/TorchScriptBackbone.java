package org.msde4j.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.msde4j.io.Downloader;
import org.msde4j.io.Sha256;

/**
 * A TorchScript model run by DJL's PyTorch engine (libtorch on the CPU). The model receives a
 * float tensor {@code (batch, channels, size, size)} made by the {@link Preprocessing}; its first
 * output is flattened per image into the embedding (so {@code (batch, 512)} and
 * {@code (batch, 512, 1, 1)} both give 512-d vectors). A model that returns several feature maps
 * (e.g. {@code (layer2, layer3)}, for patch embeddings: {@link LocalFeatures}) embeds an image as
 * its last map averaged over all positions.
 *
 * <p>A model comes from a local {@code .pt} file or from a URL fetched once into a cache folder
 * by {@link Downloader} (resume, SHA-256 check, atomic move, offline switch
 * {@code -Dmsde4j.offline=true}). Known sources of ImageNet ResNets are listed in
 * {@code data-manifest/backbones/}.
 */
public final class TorchScriptBackbone extends TorchBackbone {

    private TorchScriptBackbone(TorchRunner runner, Preprocessing preprocessing, String name, String identity) {
        super(runner, preprocessing, name, identity);
    }

    /** Loads a TorchScript file; its SHA-256 and {@code preprocessing} make the identity. */
    public static TorchScriptBackbone load(Path file, Preprocessing preprocessing) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("TorchScript model " + file + " does not exist: check the path, or fetch it from a URL.");
        }
        String digest = Sha256.of(file);
        Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), "PyTorch");
        try {
            model.load(file);
        } catch (MalformedModelException | EngineException | IOException e) {
            model.close();
            throw new IOException("cannot load " + file + " as a TorchScript model (" + e.getMessage()
                    + "): save it with torch.jit.script(...) or torch.jit.trace(...) followed by .save(path).", e);
        }
        String name = "torchscript " + file.getFileName();
        return new TorchScriptBackbone(new TorchRunner(model, preprocessing, name), preprocessing, name,
                Backbone.identityOf("torchscript", digest, preprocessing));
    }

    /**
     * Fetches {@code url} into {@code cacheDir} (once; later calls reuse the verified file) and loads it.
     *
     * @param sha256 the expected SHA-256 in hex, or null to accept any content
     */
    public static TorchScriptBackbone fetch(URI url, String sha256, Path cacheDir, Preprocessing preprocessing,
                                            Downloader.Options options) throws IOException {
        return load(Downloader.fetch(url, cachedPath(url, cacheDir), sha256, options), preprocessing);
    }

    /**
     * Where {@link #fetch} keeps {@code url}: {@code cacheDir/<first 12 hex of SHA-256(url)>-<file name>},
     * so two URLs with the same file name never share a cache entry.
     */
    public static Path cachedPath(URI url, Path cacheDir) {
        String path = url.getPath() == null ? "" : url.getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        String prefix = Sha256.of(url.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return cacheDir.resolve(prefix + "-" + (file.isEmpty() ? "model.pt" : file));
    }

    /**
     * The default cache folder: system property {@code msde4j.cache}, else environment variable
     * {@code MSDE4J_CACHE}, else {@code ~/.cache/msde4j}; backbones go to its {@code backbones/}.
     */
    public static Path defaultCacheDir() {
        String root = System.getProperty("msde4j.cache", System.getenv("MSDE4J_CACHE"));
        Path base = root != null ? Paths.get(root) : Paths.get(System.getProperty("user.home"), ".cache", "msde4j");
        return base.resolve("backbones");
    }
}
