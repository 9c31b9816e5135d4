package org.msde4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Expected values are hand computations from the rules in the Javadoc of {@link SelfSupervisedOptions}. */
class SelfSupervisedOptionsTest {

    /**
     * 1000 normals: 100 held out, 900 to train on, 28 full batches of 32 per epoch; 600 updates need
     * ⌈600 / 28⌉ = 22 epochs, 300 need 11. 600 normals: 60 held out, 16 batches, ⌈600 / 16⌉ = 38.
     */
    @Test
    void epochsAreSizedToReachThePresetsUpdates() {
        SelfSupervisedOptions thousand = SelfSupervisedOptions.sizedFor(1000);
        assertEquals(100, SelfSupervisedTraining.heldOutCount(1000, thousand));
        assertEquals(32, thousand.batchSize());
        assertEquals(22, thousand.epochs());
        assertEquals(11, SelfSupervisedOptions.sizedFor(1000, SelfSupervisedOptions.Preset.FAST).epochs());
        assertEquals(38, SelfSupervisedOptions.sizedFor(600).epochs());
    }

    /**
     * 60 normals (few): a fifth held out (12), 48 to train on in batches of 16: 3 updates an epoch,
     * 200 epochs (the cap). 10 normals: 4 held out (the least), a batch of the 6 left.
     */
    @Test
    void fewNormalsGetSmallerBatchesAndALargerHeldOutShare() {
        SelfSupervisedOptions sixty = SelfSupervisedOptions.sizedFor(60);
        assertEquals(16, sixty.batchSize());
        assertEquals(12, SelfSupervisedTraining.heldOutCount(60, sixty));
        assertEquals(200, sixty.epochs());
        SelfSupervisedOptions ten = SelfSupervisedOptions.sizedFor(10);
        assertEquals(4, SelfSupervisedTraining.heldOutCount(10, ten));
        assertEquals(6, ten.batchSize());
        assertEquals(200, ten.epochs(), "one update an epoch: 600 epochs, capped at 200");
    }

    @Test
    void nothingIsHeldOutWithoutAShareOrWithoutTraining() {
        assertEquals(0, SelfSupervisedTraining.heldOutCount(500, SelfSupervisedOptions.defaults()), "the default holds none out");
        SelfSupervisedOptions d = SelfSupervisedOptions.defaults().withHeldOut(0.1);
        assertEquals(0, SelfSupervisedTraining.heldOutCount(500, d.withHeldOut(0)));
        assertEquals(0, SelfSupervisedTraining.heldOutCount(500, d.withEpochs(0)));
        assertEquals(4, SelfSupervisedTraining.heldOutCount(30, d), "10 % of 30 is 3, raised to the least of 4");
        assertEquals(50, SelfSupervisedTraining.heldOutCount(500, d));
    }

    @Test
    void widthsThatAreNotMultiplesOfSixteenChannelsAreRefusedWithTheReason() {
        for (int width : new int[] {8, 12, 24}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResNetArchitecture.resnet18Width(width));
            assertTrue(e.getMessage().contains("width must be a multiple of 16, got " + width) && e.getMessage().contains("--width 16"),
                    e.getMessage());
        }
        assertEquals(256, ResNetArchitecture.resnet18Width(32).dimension(), "32 · 2³ channels in the last stage");
    }

    @Test
    void invalidSettingsAreRefusedWithTheValuesGiven() {
        SelfSupervisedOptions d = SelfSupervisedOptions.defaults();
        IllegalArgumentException heldOut = assertThrows(IllegalArgumentException.class, () -> d.withHeldOut(0.5));
        assertTrue(heldOut.getMessage().contains("0 ≤ held-out fraction < 0.5") && heldOut.getMessage().contains("0.5"),
                heldOut.getMessage());
        IllegalArgumentException minutes = assertThrows(IllegalArgumentException.class, () -> d.withMinutes(-1));
        assertTrue(minutes.getMessage().contains("minutes ≥ 0") && minutes.getMessage().contains("-1.0"),
                minutes.getMessage());
        SelfSupervisedOptions multi = d.withReadout(Readout.parse(SelfSupervisedOptions.MULTI_SCALE));
        IllegalArgumentException readout = assertThrows(IllegalArgumentException.class, () -> multi.withInputSize(48));
        assertTrue(readout.getMessage().contains("does not divide"), readout.getMessage());
    }

    @Test
    void pretextsAreNamedAndAnUnknownNameSaysWhichAreKnown() {
        assertEquals(PasteTask.anatPaste(), Pretext.named(" AnatPaste"));
        assertEquals(PasteTask.cutPaste(), Pretext.named("cutpaste"));
        assertEquals(DenoisingTask.coarseNoise(), Pretext.named("denoising"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pretext.named("rotation"));
        assertTrue(e.getMessage().contains("\"rotation\": use denoising, anatpaste or cutpaste"), e.getMessage());
    }

    /** Sizing keeps what is not about the amount of training: pretext, readout, seed, threads; it holds 10 % out. */
    @Test
    void sizingKeepsThePretextReadoutSeedAndThreads() {
        SelfSupervisedOptions mine = SelfSupervisedOptions.defaults().withPretext(PasteTask.anatPaste())
                .withReadout(Readout.parse("s3g4")).withSeed(5).withThreads(1);
        SelfSupervisedOptions sized = mine.sizedTo(1000, SelfSupervisedOptions.Preset.SIZED);
        assertEquals(mine.withHeldOut(0.1).withEpochs(22), sized);
    }

    /** 100 normals, 10 % held out: 90 + 10 indices, together 0…99 once each; the seed decides which. */
    @Test
    void theHeldOutImagesAreASeededDrawDisjointFromTraining() {
        SelfSupervisedOptions d = SelfSupervisedOptions.defaults().withHeldOut(0.1);
        int[][] split = SelfSupervisedTraining.split(100, d);
        assertEquals(90, split[0].length);
        assertEquals(10, split[1].length);
        TreeSet<Integer> all = new TreeSet<>();
        Arrays.stream(split[0]).forEach(all::add);
        Arrays.stream(split[1]).forEach(all::add);
        assertEquals(100, all.size(), "no index twice");
        assertEquals(0, all.first());
        assertEquals(99, all.last());
        assertArrayEquals(split[1], SelfSupervisedTraining.split(100, d)[1], "same seed, same draw");
        assertFalse(Arrays.equals(split[1], SelfSupervisedTraining.split(100, d.withSeed(7))[1]), "another seed, another draw");
        int[][] none = SelfSupervisedTraining.split(5, d.withHeldOut(0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, none[0]);
        assertEquals(0, none[1].length);
    }

    /** msde-eval's --ssl-preset: none (no preset), fast or sized, any case; anything else is refused with the choices. */
    @Test
    void presetsAreReadByTheirCommandLineNames() {
        assertEquals(null, SelfSupervisedOptions.Preset.named("none"));
        assertEquals(SelfSupervisedOptions.Preset.FAST, SelfSupervisedOptions.Preset.named("fast"));
        assertEquals(SelfSupervisedOptions.Preset.SIZED, SelfSupervisedOptions.Preset.named(" Sized "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelfSupervisedOptions.Preset.named("default"));
        assertTrue(e.getMessage().contains("none, fast or sized"), e.getMessage());
    }

    /**
     * Denoising comes read out on three scales from 128-px inputs, as chosen on the chest X-rays' validation
     * split; the paste tasks keep the defaults; everything else is the defaults' in both.
     */
    @Test
    void eachPretextComesWithTheReadoutAndInputSizeMeasuredForIt() {
        SelfSupervisedOptions denoising = SelfSupervisedOptions.defaultsFor(DenoisingTask.coarseNoise());
        assertEquals("s2g4+s3g2+s4g1", denoising.readout().key());
        assertEquals(128, denoising.inputSize());
        assertEquals(DenoisingTask.coarseNoise().key(), denoising.pretext().key());
        assertEquals(DenoisingTask.coarseNoise().defaultLearningRate(), denoising.learningRate());
        SelfSupervisedOptions defaults = SelfSupervisedOptions.defaults();
        assertEquals(defaults.epochs(), denoising.epochs());
        assertEquals(defaults.architecture(), denoising.architecture());
        assertEquals(defaults, SelfSupervisedOptions.defaultsFor(PasteTask.anatPaste()));
        SelfSupervisedOptions cutPaste = SelfSupervisedOptions.defaultsFor(PasteTask.cutPaste());
        assertEquals("s4g1", cutPaste.readout().key());
        assertEquals(64, cutPaste.inputSize());
    }
}
