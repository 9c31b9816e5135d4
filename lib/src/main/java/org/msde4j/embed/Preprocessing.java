package org.msde4j.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.msde4j.image.Pixels;
import org.msde4j.image.Resampler;

/**
 * Turns {@link Pixels} into a backbone's input tensor, channel-first (CHW), float32:
 * <ol>
 *   <li>scale samples to [0, 1]: {@code x = v / maxValue};</li>
 *   <li>match channels: grey → colour copies the grey plane into each channel; colour → grey is
 *       ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B} (Pillow's "L" conversion);</li>
 *   <li>resize to {@code size × size} with {@link Resampler} (antialiased bilinear, no cropping:
 *       the aspect ratio is not kept, as in the paper's {@code Resize((224, 224))});</li>
 *   <li>normalise each channel: {@code (x − mean[c]) / std[c]}.</li>
 * </ol>
 * Steps 2 and 3 are linear and commute; the cheaper order is used.
 *
 * @param size     output width and height in pixels
 * @param channels output channels, 1 (grey) or 3 (RGB)
 * @param mean     per-channel mean subtracted after scaling (length {@code channels})
 * @param std      per-channel divisor (length {@code channels}, each &gt; 0)
 */
public record Preprocessing(int size, int channels, double[] mean, double[] std) {

    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
    private static final double[] LUMA = {0.299, 0.587, 0.114};

    /** Validates and copies the arrays. */
    public Preprocessing {
        if (size < 1) {
            throw new IllegalArgumentException("preprocessing size must be ≥ 1 pixel, got " + size + ".");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("preprocessing channels must be 1 (grey) or 3 (RGB), got " + channels + ".");
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("preprocessing with " + channels + " channel(s) needs " + channels
                    + " mean and std values, got " + mean.length + " and " + std.length + ".");
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("preprocessing std values must be finite and > 0, got "
                        + Arrays.toString(std) + ".");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The paper's preset: 224 × 224, grey copied to 3 channels, ImageNet mean and std. */
    public static Preprocessing paper() {
        return new Preprocessing(224, 3, IMAGENET_MEAN, IMAGENET_STD);
    }

    /** {@code size × size}, {@code channels} channels, samples in [0, 1] (mean 0, std 1). */
    public static Preprocessing unnormalised(int size, int channels) {
        double[] zero = new double[channels];
        double[] one = new double[channels];
        Arrays.fill(one, 1);
        return new Preprocessing(size, channels, zero, one);
    }

    /** The same with another output size. */
    public Preprocessing withSize(int value) {
        return new Preprocessing(value, channels, mean, std);
    }

    /** The same with per-channel normalisation {@code (x − mean) / std}. */
    public Preprocessing withNormalisation(double[] newMean, double[] newStd) {
        return new Preprocessing(size, channels, newMean, newStd);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Floats per image: channels · size². */
    public int length() {
        return channels * size * size;
    }

    /** The input tensor of one image, CHW. */
    public float[] apply(Pixels pixels) {
        float[] out = new float[length()];
        apply(pixels, out, 0);
        return out;
    }

    /** Writes the input tensor of one image into {@code out} from {@code offset}, CHW. */
    public void apply(Pixels pixels, float[] out, int offset) {
        float[][] planes = unitPlanes(pixels);
        boolean greyToColour = planes.length == 1 && channels == 3;
        if (!greyToColour) {
            planes = matchChannels(planes);
        }
        int area = size * size;
        if (pixels.width() != size || pixels.height() != size) {
            for (int c = 0; c < planes.length; c++) {
                planes[c] = Resampler.resize(planes[c], pixels.width(), pixels.height(), size, size);
            }
        }
        for (int c = 0; c < channels; c++) {
            float[] plane = planes[greyToColour ? 0 : c];
            double m = mean[c];
            double inverse = 1.0 / std[c];
            int base = offset + c * area;
            for (int i = 0; i < area; i++) {
                out[base + i] = (float) ((plane[i] - m) * inverse);
            }
        }
    }

    /** Samples scaled to [0, 1], one plane per source channel. */
    private static float[][] unitPlanes(Pixels pixels) {
        int area = pixels.width() * pixels.height();
        int k = pixels.channels();
        float[][] planes = new float[k][area];
        double scale = 1.0 / pixels.maxValue();
        int[] v = pixels.values();
        for (int i = 0; i < area; i++) {
            for (int c = 0; c < k; c++) {
                planes[c][i] = (float) (v[i * k + c] * scale);
            }
        }
        return planes;
    }

    /** Colour → grey by BT.601 luma; otherwise unchanged (grey → colour is done after resizing). */
    private float[][] matchChannels(float[][] planes) {
        if (planes.length == channels) {
            return planes;
        }
        float[] grey = new float[planes[0].length];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (float) (LUMA[0] * planes[0][i] + LUMA[1] * planes[1][i] + LUMA[2] * planes[2][i]);
        }
        return new float[][] {grey};
    }

    /** A canonical text of every setting, part of a backbone's identity and of cache keys. */
    public String key() {
        return String.format(Locale.ROOT, "size=%d;channels=%d;mean=%s;std=%s;resize=triangle-antialiased;grey=bt601",
                size, channels, join(mean), join(std));
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.toString(v)).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return "Preprocessing[" + key() + "]";
    }
}
