/**
 * The offline default dataset: axial brain MRI slices with a FLAIR-like contrast, normal and with
 * tumours of three difficulties, generated from a seed ({@link org.msde4j.data.synthetic.SyntheticBrainMri}).
 */
package org.msde4j.data.synthetic;
