package org.msde4j.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What running one notebook gave: the time of each executed code cell, the errors, and where the
 * executed notebook was written (nowhere when the run failed, or when no destination was asked).
 *
 * @param completed    whether every code cell ran (false after a stop on an error, a timeout, or the
 *                     notebook's JVM ending)
 * @param startSeconds time to start the notebook's JVM and session
 */
public record NotebookRun(Path notebook, List<CellTiming> cells, List<CellError> errors, boolean completed,
                          double startSeconds, double totalSeconds, Optional<Path> written) {

    /** One executed code cell: its position in the notebook, its {@code In[n]}, and its wall time. */
    public record CellTiming(int cell, int executionCount, String description, double seconds) {
    }

    /** A cell that failed, with the error output it produced. */
    public record CellError(int cell, String description, String ename, String evalue, List<String> traceback) {
        public CellError {
            traceback = List.copyOf(traceback);
        }

        /** "cell 4 (`x.run()`) failed: IllegalStateException: boom" and the traceback, for a console. */
        public String message(Path notebook) {
            return notebook + ": " + description + " failed: " + ename + (evalue.isEmpty() ? "" : ": " + evalue)
                    + (traceback.isEmpty() ? "" : "\n    " + String.join("\n    ", traceback));
        }
    }

    public NotebookRun {
        cells = List.copyOf(cells);
        errors = List.copyOf(errors);
    }

    /** Whether every code cell ran without error. */
    public boolean succeeded() {
        return completed && errors.isEmpty();
    }
}
