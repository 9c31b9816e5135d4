/**
 * Datasets: samples with splits and labels, loaders for benchmark layouts, MedMNIST, folders and CSV lists, and getting data.
 */
package org.msde4j.data;
