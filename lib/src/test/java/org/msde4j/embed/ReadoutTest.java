package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadoutTest {

    private static final ResNetArchitecture NET = ResNetArchitecture.resnet18Width(16);

    @Test
    void keysParseAndPrintBackAndCountTheirValues() {
        Readout r = Readout.parse("s2g4 + s3g2+s4g1");
        assertEquals("s2g4+s3g2+s4g1", r.key());
        assertEquals(32 * 16 + 64 * 4 + 128, r.dimension(NET), "stage 2 has 2·width channels, stage 3 4·width, stage 4 8·width");
        assertEquals("s4g1", Readout.globalAverage(NET).key());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Readout.parse("s2x4"));
        assertTrue(bad.getMessage().contains("\"s2x4\" is not a tap such as s2g4"), bad.getMessage());
    }

    @Test
    void tapsMustExistAndDivideTheirStage() {
        assertEquals(List.of(4, 6, 8, 10, 12), NET.stageEnds());
        assertEquals(List.of(16, 16, 8, 4, 2), List.of(0, 1, 2, 3, 4).stream().map(s -> NET.stageSide(s, 64)).toList());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Readout.parse("s5g1").check(NET, 64));
        assertTrue(missing.getMessage().contains("stages 0–4, not 5"), missing.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> Readout.parse("s4g4").check(NET, 64));
        assertTrue(grid.getMessage().contains("stage 4 is 2 × 2 at 64 px, which does not divide into 4 × 4 cells"),
                grid.getMessage());
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> Readout.parse("s3g2").check(NET, 48));
        assertTrue(odd.getMessage().contains("stage 3 is 3 × 3 at 48 px, which does not divide into 2 × 2 cells"),
                odd.getMessage());
    }

    /** The global average of the last stage is what the trunk itself computes, bit for bit. */
    @Test
    void theGlobalAverageIsTheTrunksOwnEmbedding() {
        float[] x = input(3, 64);
        try (Model model = Model.newInstance("readout", Device.cpu(), "PyTorch")) {
            SequentialBlock trunk = initialised(model, 64);
            ReadoutBlock block = new ReadoutBlock(NET, trunk, Readout.globalAverage(NET));
            NDManager m = model.getNDManager();
            NDArray images = m.create(x, new Shape(3, 1, 64, 64));
            ParameterStore store = new ParameterStore(m, false);
            assertArrayEquals(trunk.forward(store, new NDList(images), false).singletonOrThrow().toFloatArray(),
                    block.forward(store, new NDList(images), false).singletonOrThrow().toFloatArray(), 0f);
        }
    }

    /** A grid tap averages each cell of the stage's feature map, cells row by row within each channel. */
    @Test
    void aGridTapAveragesEachCellOfTheStageMap() {
        float[] x = input(2, 64);
        try (Model model = Model.newInstance("readout", Device.cpu(), "PyTorch")) {
            SequentialBlock trunk = initialised(model, 64);
            NDManager m = model.getNDManager();
            NDArray images = m.create(x, new Shape(2, 1, 64, 64));
            ParameterStore store = new ParameterStore(m, false);
            float[] map = ReadoutBlock.forwardTo(trunk, NET.stageEnds().get(2), store, new NDList(images), false, null)
                    .singletonOrThrow().toFloatArray();
            int channels = NET.stageChannels(2);
            int side = NET.stageSide(2, 64);
            float[] got = new ReadoutBlock(NET, trunk, Readout.parse("s2g2")).forward(store, new NDList(images), false)
                    .singletonOrThrow().toFloatArray();
            int half = side / 2;
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < channels; c++) {
                    for (int cell = 0; cell < 4; cell++) {
                        double sum = 0;
                        for (int y = 0; y < half; y++) {
                            for (int xx = 0; xx < half; xx++) {
                                int row = (cell / 2) * half + y;
                                int col = (cell % 2) * half + xx;
                                sum += map[((b * channels + c) * side + row) * side + col];
                            }
                        }
                        assertEquals(sum / (half * half), got[b * channels * 4 + c * 4 + cell], 1e-5,
                                "image " + b + ", channel " + c + ", cell " + cell);
                    }
                }
            }
        }
    }

    /** Taps lie side by side per image, in the order of the key: image b is [s2g2 values, s4g1 values]. */
    @Test
    void tapsLieSideBySideInTheOrderOfTheKey() {
        float[] x = input(2, 64);
        try (Model model = Model.newInstance("readout", Device.cpu(), "PyTorch")) {
            SequentialBlock trunk = initialised(model, 64);
            NDManager m = model.getNDManager();
            NDList images = new NDList(m.create(x, new Shape(2, 1, 64, 64)));
            ParameterStore store = new ParameterStore(m, false);
            float[] grid = new ReadoutBlock(NET, trunk, Readout.parse("s2g2")).forward(store, images, false)
                    .singletonOrThrow().toFloatArray();
            float[] global = new ReadoutBlock(NET, trunk, Readout.parse("s4g1")).forward(store, images, false)
                    .singletonOrThrow().toFloatArray();
            NDArray both = new ReadoutBlock(NET, trunk, Readout.parse("s2g2+s4g1")).forward(store, images, false)
                    .singletonOrThrow();
            int g = NET.stageChannels(2) * 4;
            int d = NET.stageChannels(4);
            assertEquals(new Shape(2, g + d), both.getShape());
            float[] got = both.toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < g; i++) {
                    assertEquals(grid[b * g + i], got[b * (g + d) + i], 0f, "image " + b + ", grid value " + i);
                }
                for (int i = 0; i < d; i++) {
                    assertEquals(global[b * d + i], got[b * (g + d) + g + i], 0f, "image " + b + ", global value " + i);
                }
            }
        }
    }

    private static SequentialBlock initialised(Model model, int size) {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        SequentialBlock trunk = NET.trunk();
        trunk.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        model.setBlock(trunk);
        trunk.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, size, size));
        return trunk;
    }

    private static float[] input(int n, int size) {
        Random r = new Random(5);
        float[] x = new float[n * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
