package org.msde4j.detect;

import java.util.Objects;

/**
 * A fitted {@link MsdeModel} scoring by one protocol: {@link MsdeModel#scoreTransductive} (joint: the
 * rows of a call are shifted together with the training rows) or {@link MsdeModel#score(double[][])}.
 */
public record MsdeScorer(MsdeModel model, ScoringMode mode) implements Scorer {

    public MsdeScorer {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return mode.label();
    }

    @Override
    public double[] score(double[][] test) {
        return diagnose(test).scores();
    }

    @Override
    public boolean joint() {
        return mode == ScoringMode.TRANSDUCTIVE;
    }

    /** The scores of {@link #score} with the shift run that moved the rows, for plots. */
    public ShiftDiagnostics diagnose(double[][] test) {
        return mode == ScoringMode.TRANSDUCTIVE ? model.diagnoseTransductive(test) : model.diagnose(test);
    }
}
