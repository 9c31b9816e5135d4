package org.msde4j.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.msde4j.io.AtomicFiles;

/**
 * Runs a notebook's code cells in order in one JShell session, as JupyterLab does with the IJava or
 * JJava kernel ("Restart kernel and run all cells"), and writes the notebook back with the outputs.
 *
 * <p>Each code cell gets the next execution count; a blank code cell is skipped and left without
 * count or outputs, as Jupyter's own executor does. Markdown and raw cells are not touched. A cell
 * fails on a compile error, an exception, an unknown magic, or a timeout; then the run stops and
 * nothing is written, unless errors are allowed: then the error is recorded as the cell's output and
 * the next cell runs. A timeout, or the notebook's JVM ending, always stops the run. The notebook is
 * written atomically, so a reader never sees half a notebook and a failed run leaves the file as it was.
 */
public final class NotebookRunner {

    private final RunOptions options;
    private final PrintStream console;

    /** @param console where progress (one line per cell), errors and the JVM's own output are printed */
    public NotebookRunner(RunOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    /**
     * Runs {@code notebookPath} and, if it succeeded (or errors are allowed and every cell ran), writes
     * the executed notebook to {@code target}; an empty target only runs it. The target is written only
     * if it still holds what it held when the run began: a notebook saved from JupyterLab (or written
     * by another run) meanwhile is left as it is, and the run fails with a message.
     *
     * @throws NotebookException if the notebook cannot be read, started or written, or its target changed
     */
    public NotebookRun run(Path notebookPath, Optional<Path> target) throws NotebookException {
        long start = System.nanoTime();
        Notebook notebook = Notebook.read(notebookPath);
        Optional<byte[]> targetBefore = target.isPresent() ? contents(target.get()) : Optional.empty();
        Execution execution = new Execution(notebookPath);
        try {
            execution.runCells(notebook);
        } finally {
            execution.close();
        }
        Optional<Path> written = Optional.empty();
        if (target.isPresent() && execution.completed
                && (execution.errors.isEmpty() || options.allowErrors())) {
            refuseIfChanged(target.get(), targetBefore);
            write(notebook.withOutputs(execution.results()), target.get());
            written = target;
        }
        return new NotebookRun(notebookPath, execution.timings, execution.errors, execution.completed,
                execution.startSeconds, seconds(start), written);
    }

    /** The state of one notebook's run: its session, the outputs and counts so far, the timings. */
    private final class Execution implements AutoCloseable {

        private final Path notebookPath;
        private final Path folder;
        private final OutputLog log = new OutputLog();
        private final Map<Integer, Integer> counts = new LinkedHashMap<>();
        private final List<NotebookRun.CellTiming> timings = new ArrayList<>();
        private final List<NotebookRun.CellError> errors = new ArrayList<>();
        private final MavenArtifacts maven;
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notebook-cell-timeout");
            thread.setDaemon(true);
            return thread;
        });
        private JavaSession session;
        private Magics magics;
        private boolean completed = true;
        private int executionCount;
        private double startSeconds;

        Execution(Path notebookPath) {
            this.notebookPath = notebookPath;
            this.folder = notebookPath.toAbsolutePath().getParent();
            this.maven = new MavenArtifacts(options.localRepository(), options.remoteRepository(),
                    options.offline(), message -> console.println("  " + message));
        }

        void runCells(Notebook notebook) throws NotebookException {
            for (Notebook.Cell cell : notebook.cells()) {
                if (!cell.isCode()) {
                    continue;
                }
                if (cell.isBlank()) {
                    counts.put(cell.number(), null);
                    continue;
                }
                if (session == null) {
                    startSession();
                }
                CellResult result = timed(cell, ++executionCount);
                if (result.error() != null) {
                    Output.Error error = result.error();
                    NotebookRun.CellError failure = new NotebookRun.CellError(cell.number(), cell.describe(),
                            error.ename(), error.evalue(), error.traceback());
                    errors.add(failure);
                    console.println(failure.message(notebookPath));
                    if (result.fatal() || !options.allowErrors()) {
                        completed = false;
                        return;
                    }
                }
            }
        }

        /** Each run cell's count and outputs, as they stand now (updateDisplay may change earlier cells). */
        Map<Integer, Notebook.Execution> results() {
            Map<Integer, Notebook.Execution> results = new LinkedHashMap<>();
            counts.forEach((cell, count) -> results.put(cell, new Notebook.Execution(count, log.outputs(cell))));
            return results;
        }

        private void startSession() throws NotebookException {
            long jvmStart = System.nanoTime();
            session = JavaSession.start(folder, options.vmOptions(), log, console);
            magics = new Magics(folder, maven, session::addToClasspath);
            startSeconds = seconds(jvmStart);
            console.printf("  JVM and session started in %.2f s%n", startSeconds);
        }

        /** Runs {@code cell} as {@code In[count]} under the cell timeout, and prints its time. */
        private CellResult timed(Notebook.Cell cell, int count) {
            counts.put(cell.number(), count);
            log.startCell(cell.number(), count);
            long cellStart = System.nanoTime();
            AtomicBoolean timedOut = new AtomicBoolean();
            JavaSession running = session;
            ScheduledFuture<?> alarm = options.cellTimeout().isZero() ? null
                    : watchdog.schedule(() -> {
                        timedOut.set(true);
                        running.kill();
                    }, options.cellTimeout().toMillis(), TimeUnit.MILLISECONDS);
            CellResult result = runCell(cell, timedOut);
            if (alarm != null) {
                alarm.cancel(false);
            }
            double cellSeconds = seconds(cellStart);
            timings.add(new NotebookRun.CellTiming(cell.number(), count, cell.describe(), cellSeconds));
            console.printf("  %-60s In[%d] %8.2f s%n", cell.describe(), count, cellSeconds);
            return result;
        }

        /** Runs the steps of {@code cell}, then shows the value of its last expression, if any. */
        private CellResult runCell(Notebook.Cell cell, AtomicBoolean timedOut) {
            CellSource source;
            try {
                source = CellSource.parse(cell.source());
            } catch (CellSource.MisplacedMagic e) {
                return recorded(new Output.Error("MagicException", e.getMessage(),
                        List.of("cell " + cell.number() + ", line " + e.line + ": " + e.getMessage())), false);
            }
            String valueName = null;
            int lastLine = 1;
            for (CellSource.Step step : source.steps()) {
                valueName = null;
                lastLine = step.line();
                if (step instanceof CellSource.Magic magic) {
                    Output.Error error = magics.run(magic, cell.number());
                    if (error != null) {
                        return recorded(error, false);
                    }
                } else if (step instanceof CellSource.Code code) {
                    JavaSession.Outcome outcome = session.run(code.text(), cell.number(), code.line());
                    if (!(outcome instanceof JavaSession.Outcome.Done done)) {
                        return failure(outcome, cell, timedOut);
                    }
                    valueName = done.valueName();
                }
            }
            if (valueName != null) {
                JavaSession.Outcome outcome = session.publishResult(valueName, cell.number(), lastLine);
                if (!(outcome instanceof JavaSession.Outcome.Done)) {
                    return failure(outcome, cell, timedOut);
                }
            }
            return CellResult.OK;
        }

        private CellResult failure(JavaSession.Outcome outcome, Notebook.Cell cell, AtomicBoolean timedOut) {
            if (outcome instanceof JavaSession.Outcome.Failed failed) {
                return recorded(failed.error(), false);
            }
            String message = timedOut.get()
                    ? "the cell did not finish within " + options.cellTimeout().toSeconds() + " s (--timeout), so "
                            + "its JVM was stopped and the cells after it did not run. Make the cell faster, or "
                            + "give a longer --timeout."
                    : "the notebook's JVM ended while the cell ran (System.exit, a crash, or too little memory: "
                            + "see the [notebook JVM] lines above), so the cells after it did not run.";
            String ename = timedOut.get() ? "EvaluationTimeoutException" : "JvmEndedException";
            return recorded(new Output.Error(ename, message, List.of("cell " + cell.number() + ": " + message)), true);
        }

        private CellResult recorded(Output.Error error, boolean fatal) {
            log.add(error);
            return new CellResult(error, fatal);
        }

        @Override
        public void close() {
            watchdog.shutdownNow();
            maven.close();
            if (session != null) {
                session.close();
            }
        }
    }

    /** The error of a cell (if any), and whether it ended the session. */
    private record CellResult(Output.Error error, boolean fatal) {
        static final CellResult OK = new CellResult(null, false);
    }

    /** The bytes of {@code file}, or empty when there is no such file. */
    private static Optional<byte[]> contents(Path file) throws NotebookException {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new NotebookException("cannot read " + file + ": " + e.getMessage() + ". Check its permissions.", e);
        }
    }

    private static void refuseIfChanged(Path target, Optional<byte[]> before) throws NotebookException {
        Optional<byte[]> now = contents(target);
        boolean same = before.isPresent() == now.isPresent()
                && (before.isEmpty() || Arrays.equals(before.get(), now.get()));
        if (!same) {
            throw new NotebookException(target + " changed while the notebook ran (saved from JupyterLab, or written by "
                    + "another run): it was left as it is and the executed notebook was not written. Run it again "
                    + "when nothing else writes it.");
        }
    }

    private static void write(Notebook executed, Path target) throws NotebookException {
        try {
            AtomicFiles.writeString(target, executed.toText());
        } catch (IOException e) {
            throw new NotebookException("cannot write the executed notebook to " + target + ": " + e.getMessage()
                    + " (the previous file, if any, is unchanged). Choose a writable --out folder.", e);
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
