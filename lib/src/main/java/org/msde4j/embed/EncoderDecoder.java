package org.msde4j.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The network of {@link DenoisingTask}: a {@link ResNetArchitecture#trunk()} run up to its last
 * stage's feature map (its global pooling is skipped), then a decoder back to an image. The trunk is
 * a child of its own, so its parameters are saved and loaded as the trunk's alone.
 */
final class EncoderDecoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock trunk;
    private final Block decoder;
    private final int encoderLayers;

    EncoderDecoder(ResNetArchitecture architecture, SequentialBlock trunk, Block decoder) {
        super(VERSION);
        this.trunk = addChildBlock("trunk", trunk);
        this.decoder = addChildBlock("decoder", decoder);
        this.encoderLayers = architecture.stageEnds().get(architecture.blocks().size());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return decoder.forward(store, ReadoutBlock.forwardTo(trunk, encoderLayers, store, inputs, training, null),
                training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return decoder.getOutputShapes(encoded(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoded(inputShapes));
    }

    private Shape[] encoded(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        List<Block> layers = List.copyOf(trunk.getChildren().values());
        for (int i = 0; i < encoderLayers; i++) {
            shapes = layers.get(i).getOutputShapes(shapes);
        }
        return shapes;
    }
}
