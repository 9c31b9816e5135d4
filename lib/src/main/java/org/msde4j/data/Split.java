package org.msde4j.data;

/** The role of a sample in the one-class protocol: fit on normal TRAIN samples, evaluate on TEST. */
public enum Split {
    TRAIN,
    TEST
}
