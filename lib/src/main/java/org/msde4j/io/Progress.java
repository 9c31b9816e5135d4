package org.msde4j.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long step for people watching: a bar redrawn in place on a terminal, plain lines
 * (at most one per 10 %, and one at the end) when the output is a log file or a CI console.
 *
 * <pre>{@code
 * Progress p = Progress.on(System.err, "embedding train", images.size());
 * for (...) { ...; p.advance(1); }
 * p.done();
 * }</pre>
 */
public final class Progress {

    private static final int BAR = 30;

    private final PrintStream out;
    private final String task;
    private final long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long done;
    private int lastDecile = -1;
    private long lastDraw;

    private Progress(PrintStream out, String task, long total, boolean terminal) {
        this.out = out;
        this.task = task;
        this.total = Math.max(total, 1);
        this.terminal = terminal;
    }

    /** Progress of {@code task} over {@code total} units on {@code out}; a bar when a terminal is attached. */
    public static Progress on(PrintStream out, String task, long total) {
        return new Progress(out, task, total, System.console() != null && System.getenv("CI") == null);
    }

    /** The same, choosing the style explicitly (for tests). */
    static Progress on(PrintStream out, String task, long total, boolean terminal) {
        return new Progress(out, task, total, terminal);
    }

    /** Adds {@code units} of work done. */
    public synchronized void advance(long units) {
        done = Math.min(total, done + units);
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw > 100_000_000L || done == total) {
                lastDraw = now;
                int filled = (int) (BAR * done / total);
                out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %s", task, "#".repeat(filled),
                        " ".repeat(BAR - filled), done, total, eta()));
                out.flush();
            }
        } else {
            int decile = (int) (10 * done / total);
            if (decile > lastDecile && decile < 10) {
                lastDecile = decile;
                out.println(String.format(Locale.ROOT, "%s: %d/%d (%d%%) %s", task, done, total, 100 * done / total, eta()));
            }
        }
    }

    /** Marks the task finished and prints its total time. */
    public synchronized void done() {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (terminal) {
            out.print("\r" + " ".repeat(task.length() + BAR + 30) + "\r");
        }
        out.println(String.format(Locale.ROOT, "%s: %d/%d done in %.1f s", task, done, total, seconds));
        out.flush();
    }

    private String eta() {
        if (done == 0) {
            return "";
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed * (total - done) / done;
        return String.format(Locale.ROOT, "(%.0f s left)", left);
    }
}
