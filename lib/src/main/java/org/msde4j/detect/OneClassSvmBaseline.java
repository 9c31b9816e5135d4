package org.msde4j.detect;

import java.util.ArrayList;
import java.util.List;
import libsvm.svm;
import org.msde4j.density.Standardizer;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The one-class SVM baseline (Schölkopf et al., Neural Computation 13, 2001) with an RBF kernel
 * K(x, y) = exp(−γ‖x − y‖²), trained by libsvm through Tribuo on standardised rows. libsvm's decision
 * function is f(z) = Σᵢ αᵢ K(xᵢ, z) − ρ, positive inside the learned support of the normals; the
 * anomaly score is −f(z), so that higher is more anomalous and 0 is the SVM's own boundary.
 *
 * <p>Defaults: ν = {@value #DEFAULT_NU} (ν bounds from above the share of training rows left outside
 * the boundary and from below the share of support vectors, so 0.1 treats at most a tenth of the
 * normals as outliers, as noisy training images may be); γ = 1/d on standardised rows (libsvm's own
 * default 1/d, and scikit-learn's {@code gamma="scale"} = 1/(d·Var) for unit-variance features), so
 * that γ‖x − y‖² stays of order one for typical pairs whatever the width d.
 */
public final class OneClassSvmBaseline implements Scorer {

    /** Default ν: the largest share of training rows left outside the boundary. */
    public static final double DEFAULT_NU = 0.1;
    /** Tribuo's factory of anomaly outputs (expected / anomalous events). */
    private static final AnomalyFactory EVENTS = new AnomalyFactory();

    private final Standardizer standardizer;
    private final Model<Event> model;
    private final String[] features;

    private OneClassSvmBaseline(Standardizer standardizer, Model<Event> model, String[] features) {
        this.standardizer = standardizer;
        this.model = model;
        this.features = features;
    }

    /** Fits with ν = {@value #DEFAULT_NU} and γ = 1/d. */
    public static OneClassSvmBaseline fit(double[][] train) {
        int d = Inputs.checkTraining(train, 2, "the one-class SVM");
        return fit(train, DEFAULT_NU, 1.0 / d);
    }

    /** Fits on raw training rows (normal only) with the given ν in (0, 1] and RBF width γ &gt; 0. */
    public static OneClassSvmBaseline fit(double[][] train, double nu, double gamma) {
        if (!(nu > 0 && nu <= 1)) {
            throw new IllegalArgumentException("the one-class SVM's nu must be in (0, 1], got " + nu + ".");
        }
        if (!(gamma > 0 && Double.isFinite(gamma))) {
            throw new IllegalArgumentException("the one-class SVM's gamma must be a positive number, got " + gamma + ".");
        }
        int d = Inputs.checkTraining(train, 2, "the one-class SVM");
        String[] features = new String[d];
        for (int c = 0; c < d; c++) {
            features[c] = String.format("f%05d", c);
        }
        Standardizer standardizer = Standardizer.fit(train);
        MutableDataset<Event> data = new MutableDataset<>(new SimpleDataSourceProvenance("normal rows", EVENTS), EVENTS);
        for (double[] z : standardizer.transform(train)) {
            data.add(new ArrayExample<>(new Event(Event.EventType.EXPECTED), features, z));
        }
        SVMParameters<Event> params = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
                KernelType.RBF);
        params.setNu(nu);
        params.setGamma(gamma);
        svm.svm_set_print_string_function(progress -> { });   // libsvm's solver log, on standard output otherwise
        return new OneClassSvmBaseline(standardizer, new LibSVMAnomalyTrainer(params).train(data), features);
    }

    /** This baseline with its defaults as a {@link Detector} (key {@code "OCSVM"}). */
    public static Detector detector() {
        return Detector.of("OCSVM", "one-class SVM", OneClassSvmBaseline::fit);
    }

    @Override
    public String name() {
        return "one-class SVM";
    }

    /** −f(z) of each standardised row z: above 0 outside the SVM's boundary. */
    @Override
    public double[] score(double[][] test) {
        Inputs.checkTest(test, standardizer.dimension());
        List<Example<Event>> rows = new ArrayList<>();
        for (double[] z : standardizer.transform(test)) {
            rows.add(new ArrayExample<>(EVENTS.getUnknownOutput(), features, z));
        }
        List<Prediction<Event>> predictions = model.predict(rows);
        double[] out = new double[predictions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -predictions.get(i).getOutput().getScore();
        }
        return out;
    }
}
