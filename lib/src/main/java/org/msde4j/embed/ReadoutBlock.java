package org.msde4j.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ResNetArchitecture#trunk()} read out by a {@link Readout}: runs the trunk's children up to
 * the last tapped stage, average-pools each tapped stage onto its grid and concatenates them, images
 * {@code (B, 1, H, W)} → embeddings {@code (B, readout dimension)}. The trunk is its only child, so
 * the trunk's own parameter file loads into it unchanged.
 */
final class ReadoutBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock trunk;
    private final ResNetArchitecture architecture;
    private final Readout readout;

    ReadoutBlock(ResNetArchitecture architecture, SequentialBlock trunk, Readout readout) {
        super(VERSION);
        this.trunk = addChildBlock("trunk", trunk);
        this.architecture = architecture;
        this.readout = readout;
    }

    /** The trunk read out: its stages are what patch embeddings ({@link LocalFeatures}) are made of. */
    SequentialBlock trunk() {
        return trunk;
    }

    /**
     * Runs the first {@code layers} children of {@code trunk} on {@code inputs}; when {@code outputs} is
     * not null, {@code outputs[i]} receives the output of the first {@code i + 1} children.
     */
    static NDList forwardTo(SequentialBlock trunk, int layers, ParameterStore store, NDList inputs, boolean training,
                            NDArray[] outputs) {
        List<Block> children = new ArrayList<>(trunk.getChildren().values());
        NDList x = inputs;
        for (int i = 0; i < layers; i++) {
            x = children.get(i).forward(store, x, training);
            if (outputs != null) {
                outputs[i] = x.singletonOrThrow();
            }
        }
        return x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        List<Integer> ends = architecture.stageEnds();
        int last = readout.taps().stream().mapToInt(Readout.Tap::stage).max().orElseThrow();
        NDArray[] layerOutputs = new NDArray[ends.get(last)];
        forwardTo(trunk, ends.get(last), store, inputs, training, layerOutputs);
        long batch = inputs.singletonOrThrow().getShape().get(0);
        NDList parts = new NDList();
        for (Readout.Tap t : readout.taps()) {
            NDArray map = layerOutputs[ends.get(t.stage()) - 1];
            long cell = map.getShape().get(2) / t.grid();
            NDArray pooled = t.grid() == 1 ? Pool.globalAvgPool2d(map)
                    : Pool.avgPool2d(map, new Shape(cell, cell), new Shape(cell, cell), new Shape(0, 0), false, true);
            parts.add(pooled.reshape(batch, -1));
        }
        return new NDList(parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), readout.dimension(architecture))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
    }
}
