package org.msde4j.notebook.runtime;

/**
 * Publishes the value of a cell's last expression as the cell's result ({@code Out[n]}), rendered
 * as its preferred types like the kernels do; a {@code null} value shows nothing. The runner calls
 * this after the cell's last snippet; it is not meant for notebook code.
 */
public final class ExecuteResult {

    private ExecuteResult() {
    }

    public static void publish(Object value) {
        if (value != null) {
            Display.send(new DisplayFrame(DisplayFrame.Kind.RESULT, null, Display.render(value).data()));
        }
    }
}
