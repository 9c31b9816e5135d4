package org.msde4j.embed;

/**
 * What every backbone run by DJL's PyTorch engine shares: a {@link TorchRunner} over a loaded
 * model, its preprocessing, a name and an identity.
 *
 * <p>A batch of one image runs as a batch of two (the image twice). libtorch's CPU kernels take
 * another path for a single image, whose results differ in the last bits (up to 1.3e-5 on the
 * self-supervised ResNet trunk, measured), while batches of two or more agree bit for bit. So an
 * image's embedding does not depend on how many images it was embedded with: the last, short
 * batch of a list, a partition of a Spark job, or a whole run.
 */
abstract class TorchBackbone implements Backbone {

    private final TorchRunner runner;
    private final Preprocessing preprocessing;
    private final String name;
    private final String identity;

    TorchBackbone(TorchRunner runner, Preprocessing preprocessing, String name, String identity) {
        this.runner = runner;
        this.preprocessing = preprocessing;
        this.name = name;
        this.identity = identity;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public float[][] embed(float[] input, int count) {
        if (count != 1) {
            return runner.run(input, count);
        }
        int length = preprocessing.length();
        float[] twice = new float[2 * length];
        System.arraycopy(input, 0, twice, 0, length);
        System.arraycopy(input, 0, twice, length, length);
        return new float[][] {runner.run(twice, 2)[0]};
    }

    @Override
    public void close() {
        runner.close();
    }
}
