package org.msde4j.notebook.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rich-output functions a notebook calls, statically imported into every session, with the
 * signatures and meaning they have in the IJava and JJava kernels:
 * <pre>{@code
 * display(image);                                   // a BufferedImage shows as image/png
 * display("<b>bold</b>", "text/html");              // a String shown as the requested type
 * String id = display("3 left", "text/html");
 * updateDisplay(id, "2 left", "text/html");         // replaces that output
 * render(markdown, "text/markdown")                 // as last expression: the cell's result
 * }</pre>
 * Every bundle also carries {@code text/plain}. {@code display} returns the id of the new output.
 */
public final class Display {

    private static final AtomicLong DISPLAYS = new AtomicLong();
    private static volatile OutputStream channel;

    private Display() {
    }

    /** Renders {@code value} as its preferred types and shows it below the cell; returns its display id. */
    public static String display(Object value) {
        return show(render(value));
    }

    /** Renders {@code value} as the requested MIME types and shows it; returns its display id. */
    public static String display(Object value, String... as) {
        return show(render(value, as));
    }

    /** Renders {@code value} as its preferred types without showing it. */
    public static DisplayData render(Object value) {
        return Renderer.render(value);
    }

    /** Renders {@code value} as the requested MIME types without showing it. */
    public static DisplayData render(Object value, String... as) {
        return Renderer.renderAs(value, as);
    }

    /** Replaces the output shown under {@code id} by {@code value} rendered as its preferred types. */
    public static void updateDisplay(String id, Object value) {
        send(new DisplayFrame(DisplayFrame.Kind.UPDATE, id, render(value).data()));
    }

    /** Replaces the output shown under {@code id} by {@code value} rendered as the requested types. */
    public static void updateDisplay(String id, Object value, String... as) {
        send(new DisplayFrame(DisplayFrame.Kind.UPDATE, id, render(value, as).data()));
    }

    /** Called once by the {@link Agent} with the stream that leads to the runner. */
    static void connect(OutputStream toRunner) {
        channel = toRunner;
    }

    static void send(DisplayFrame frame) {
        OutputStream out = channel;
        if (out == null) {
            throw new IllegalStateException("display(...) only works in a notebook run by msde-notebook "
                    + "or a Java Jupyter kernel (IJava, JJava).");
        }
        byte[] bytes = frame.encode();
        synchronized (Display.class) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the runner no longer receives display output: " + e.getMessage(), e);
            }
        }
    }

    private static String show(DisplayData data) {
        // Ids are reproducible (a name-based UUID of the running count) so that re-running a notebook
        // gives the same outputs when a cell ends with display(...).
        String id = UUID.nameUUIDFromBytes(("display-" + DISPLAYS.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
        send(new DisplayFrame(DisplayFrame.Kind.DISPLAY, id, data.data()));
        return id;
    }
}
