package org.msde4j.embed;

/**
 * The raw-pixel baseline: the embedding is the preprocessed image itself, flattened
 * ({@code channels · size²} values). It shows what a learned backbone adds.
 */
public final class RawPixelBackbone implements Backbone {

    private final Preprocessing preprocessing;

    public RawPixelBackbone(Preprocessing preprocessing) {
        this.preprocessing = preprocessing;
    }

    @Override
    public String name() {
        return "raw pixels " + preprocessing.size() + "×" + preprocessing.size() + "×" + preprocessing.channels();
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String identity() {
        return Backbone.identityOf("raw-pixels", "none", preprocessing);
    }

    @Override
    public float[][] embed(float[] input, int count) {
        int length = preprocessing.length();
        float[][] rows = new float[count][length];
        for (int i = 0; i < count; i++) {
            System.arraycopy(input, i * length, rows[i], 0, length);
        }
        return rows;
    }

    @Override
    public void close() {
        // holds no resources
    }
}
