package org.msde4j.embed;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The committed TorchScript test fixture, written by {@code scripts/dev/make-test-torchscript.py tiny}:
 * input (B, 3, H, W) → output (B, 7), the three per-channel means of the input followed by the
 * spatial means of relu(conv3×3(x)) with seeded weights.
 */
final class TinyModel {

    /** The model's output for the script's probe, computed by PyTorch 1.13 when the fixture was written. */
    static final float[] PROBE_OUTPUT = {
        0.16492146253585815f, 0.5f, 0.8350784778594971f,
        0.1432257890701294f, 0.07576975226402283f, 0.0f, 0.23435404896736145f};

    private TinyModel() {
    }

    static Path file() {
        try {
            return Paths.get(TinyModel.class.getResource("tiny-embedder.pt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script's probe: {@code torch.linspace(0, 1, 192).reshape(1, 3, 8, 8)}. */
    static float[] probe() {
        float[] x = new float[3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) i / (x.length - 1);
        }
        return x;
    }
}
