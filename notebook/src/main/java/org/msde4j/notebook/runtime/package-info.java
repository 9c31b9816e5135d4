/**
 * The part of the notebook runner that lives inside the notebook's own JVM: the {@code display},
 * {@code render} and {@code updateDisplay} functions a notebook calls (with the semantics of the
 * IJava and JJava kernels), the renderer that turns objects into MIME bundles, the frame format that
 * carries a bundle back to the runner, and the {@link org.msde4j.notebook.runtime.Agent} that
 * connects the JVM to the runner's JShell.
 *
 * <p>Only the JDK ({@code java.desktop} for images, {@code jdk.jshell} for the agent) is used here:
 * this package is on the notebook JVM's class path, where nothing else of the runner is available.
 */
package org.msde4j.notebook.runtime;
