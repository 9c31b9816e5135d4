package org.msde4j.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.msde4j.Version;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msde-notebook}: the command line of the notebook runner. */
@Command(name = "msde-notebook", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Runs IJava/JJava Jupyter notebooks headlessly, with the kernels' magics and display "
                + "functions, and writes their outputs into the .ipynb files.")
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit code (0 all notebooks ran, 1 one failed, 2 bad usage). */
    static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Main()).addSubcommand(new Run(out, err))
                .addSubcommand(new Check(out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code msde-notebook run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = {"Executes notebooks and writes their outputs.",
                    "",
                    "Runs the code cells of each NOTEBOOK in order in a fresh JShell session, in a JVM of its own "
                            + "whose working directory is the notebook's folder, and prints the time of each cell.",
                    "",
                    "Magics, each on a line of its own:",
                    "  %%maven G:A[:EXT[:CLASSIFIER]]:V  an artifact and its dependencies",
                    "                                    (from ~/.m2, else from Maven Central)",
                    "  %%classpath GLOB                  jars and class folders",
                    "  %%jars GLOB                       jars",
                    "Functions: display(obj[, mime...]), render(obj[, mime...]), updateDisplay(id, obj[, mime...]), "
                            + "printf(format, args...).",
                    "",
                    "A compile error, an exception, an unknown magic or a timeout stops the notebook with a message "
                            + "naming the cell, and the notebook is not written (see --allow-errors). Without "
                            + "--in-place or --out the notebooks are only run: nothing is written. A written notebook "
                            + "carries the runner's stamp of its outputs in its metadata (see `msde-notebook check`).",
                    "",
                    "Exit code: 0 when every notebook ran, 1 when one failed, 2 for a bad command line.",
                    ""})
    static final class Run implements Callable<Integer> {

        private final PrintStream out;
        private final PrintStream err;

        Run(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "the .ipynb files to run, in this order")
        private List<Path> notebooks;

        @ArgGroup(exclusive = true)
        private Destination destination;

        static final class Destination {
            @Option(names = "--in-place", required = true,
                    description = "write each executed notebook over its file (atomically)")
            private boolean inPlace;

            @Option(names = "--out", required = true, paramLabel = "DIR",
                    description = "write each executed notebook into DIR, under its own file name (never over an existing file)")
            private Path folder;
        }

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "longest time one cell may run; 0 for no limit (default: ${DEFAULT-VALUE})")
        private long timeoutSeconds;

        @Option(names = "--allow-errors",
                description = "record a failing cell's error in the notebook and go on with the next cell; "
                        + "the notebook is written and the exit code stays 0")
        private boolean allowErrors;

        @Option(names = "--offline", description = "resolve %%maven from the local Maven repository only")
        private boolean offline;

        @Option(names = "--vm-option", paramLabel = "OPTION",
                description = "an option for the notebooks' JVM, e.g. --vm-option=-Xmx4g (repeatable)")
        private List<String> vmOptions = new ArrayList<>();

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (timeoutSeconds < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--timeout must be 0 (no limit) or a number of seconds, not " + timeoutSeconds);
            }
            checkDistinctTargets();
            RunOptions options = RunOptions.defaults()
                    .withCellTimeout(Duration.ofSeconds(timeoutSeconds))
                    .withAllowErrors(allowErrors)
                    .withOffline(offline)
                    .withVmOptions(vmOptions);
            NotebookRunner runner = new NotebookRunner(options, out);
            int failed = 0;
            double total = 0;
            for (Path notebook : notebooks) {
                out.println(notebook);
                try {
                    NotebookRun run = runner.run(notebook, target(notebook));
                    total += run.totalSeconds();
                    boolean ok = run.succeeded() || (run.completed() && allowErrors);
                    String where = run.written().map(p -> ", written to " + p)
                            .orElse(destination == null ? ", not written (no --in-place or --out)" : "");
                    out.printf("  %s in %.2f s (%d code cells run, %d errors)%s%n", ok ? "ran" : "FAILED",
                            run.totalSeconds(), run.cells().size(), run.errors().size(), where);
                    if (!ok) {
                        failed++;
                        err.println(notebook + ": not written. Fix the cell named above, or run with "
                                + "--allow-errors to record the error in the notebook and go on.");
                    }
                } catch (NotebookException e) {
                    failed++;
                    err.println(e.getMessage());
                }
            }
            out.printf("%d of %d notebooks ran in %.2f s%n", notebooks.size() - failed, notebooks.size(), total);
            return failed == 0 ? 0 : 1;
        }

        private Optional<Path> target(Path notebook) {
            if (destination == null) {
                return Optional.empty();
            }
            return Optional.of(destination.inPlace ? notebook : destination.folder.resolve(notebook.getFileName()));
        }

        private void checkDistinctTargets() {
            if (destination == null || destination.inPlace) {
                return;
            }
            Set<Path> names = new HashSet<>();
            for (Path notebook : notebooks) {
                if (!names.add(notebook.getFileName())) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "two notebooks are named "
                            + notebook.getFileName() + ": with --out they would overwrite each other; run them "
                            + "with different --out folders.");
                }
            }
            if (Files.exists(destination.folder) && !Files.isDirectory(destination.folder)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--out " + destination.folder + " is a file; give a folder.");
            }
            for (Path notebook : notebooks) {
                Path target = destination.folder.resolve(notebook.getFileName());
                if (Files.exists(target) && !sameFile(target, notebook)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--out " + destination.folder + ": "
                            + target + " already exists (an earlier run's output?) and --out never replaces a file. "
                            + "Choose another folder, move that file away, or run " + target + " itself with --in-place.");
                }
            }
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** {@code msde-notebook check}. */
    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = {"Checks that notebooks hold the outputs the runner wrote for their code, without errors.",
                    "",
                    "The runner stamps every notebook it writes with a SHA-256 of each code cell's source, execution "
                            + "count and outputs (metadata \"msde-notebook\"). A notebook fails the check when it has "
                            + "no stamp, when a code cell or its outputs changed after the run (edited by hand, or run "
                            + "and saved in JupyterLab), when cells were added or removed, or when a cell has an error "
                            + "output. Fix: run it again with `msde-notebook run NOTEBOOK --in-place`.",
                    "",
                    "Exit code: 0 when every notebook passes, 1 when one fails, 2 for a bad command line.",
                    ""})
    static final class Check implements Callable<Integer> {

        private final PrintStream out;
        private final PrintStream err;

        @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "the .ipynb files to check")
        private List<Path> notebooks;

        Check(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            int failed = 0;
            for (Path notebook : notebooks) {
                try {
                    List<String> problems = Notebook.read(notebook).checkProblems();
                    if (problems.isEmpty()) {
                        out.println(notebook + ": ok (the runner's outputs of its code, no errors)");
                    } else {
                        failed++;
                        err.println(notebook + ":\n  " + String.join("\n  ", problems)
                                + "\n  Run it again: msde-notebook run " + notebook + " --in-place");
                    }
                } catch (NotebookException e) {
                    failed++;
                    err.println(e.getMessage());
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** The version of the msde4j build the runner belongs to. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"msde-notebook " + Version.current()};
        }
    }
}
