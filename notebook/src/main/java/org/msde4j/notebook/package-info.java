/**
 * The headless notebook runner ({@code msde-notebook}): it executes the code cells of an IJava/JJava
 * Jupyter notebook in order in a JShell session, with the magics ({@code %maven},
 * {@code %classpath}, {@code %jars}) and display functions both kernels provide, and writes the
 * outputs back into the {@code .ipynb} file as nbformat 4.5.
 *
 * <p>Flow: {@link org.msde4j.notebook.Notebook} reads and checks the file;
 * {@link org.msde4j.notebook.NotebookRunner} cuts each cell into steps
 * ({@link org.msde4j.notebook.CellSource}), runs magics ({@link org.msde4j.notebook.Magics}) and
 * code ({@link org.msde4j.notebook.JavaSession} over a {@link org.msde4j.notebook.RemoteJvm}),
 * collects what the notebook's JVM prints and displays ({@link org.msde4j.notebook.OutputLog}), and
 * writes the result atomically in Jupyter's own JSON layout ({@link org.msde4j.notebook.NotebookJson}),
 * checked against the nbformat schema ({@link org.msde4j.notebook.NotebookSchema}).
 * {@link org.msde4j.notebook.Main} is the command line.
 */
package org.msde4j.notebook;
