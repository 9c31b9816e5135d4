/**
 * File utilities shared by every stage: atomic writes, downloads with resume and SHA-256, NumPy .npy/.npz.
 */
package org.msde4j.io;
