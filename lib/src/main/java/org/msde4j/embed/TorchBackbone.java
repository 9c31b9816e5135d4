package org.msde4j.embed;

import ai.djl.Model;

/**
 * What every backbone run by DJL's PyTorch engine shares: a {@link TorchRunner} over a loaded
 * model, its preprocessing, a name and an identity.
 * An image's embedding does not depend on how many images it was embedded with (the last, short
 * batch of a list, a partition of a Spark job, or a whole run): see {@link TorchRunner}.
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
        return runner.run(input, count);
    }

    /** The loaded model, for {@link LocalFeatures}. */
    Model model() {
        return runner.model();
    }

    @Override
    public void close() {
        runner.close();
    }
}
