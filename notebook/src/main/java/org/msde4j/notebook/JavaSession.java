package org.msde4j.notebook;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * A JShell session whose code runs in a notebook's own JVM ({@link RemoteJvm}), started with the
 * imports and functions the IJava and JJava kernels both provide (the {@code java.util},
 * {@code java.io}, {@code java.math}, {@code java.net}, {@code java.util.concurrent},
 * {@code java.util.prefs}, {@code java.util.regex} packages; {@code printf}; {@code display},
 * {@code render}, {@code updateDisplay}).
 *
 * <p>Code is cut into snippets with JShell's own analysis, as the kernels do, and run one by one; the
 * first compile error or exception ends the code. Errors come back as nbformat error outputs whose
 * traceback names notebook cells and lines instead of JShell's snippet numbers.
 */
final class JavaSession implements AutoCloseable {

    /** How running some code ended. */
    sealed interface Outcome {
        /** It ran; {@code valueName} names the value of its last expression, or is {@code null}. */
        record Done(String valueName) implements Outcome {
        }

        /** It failed to compile or threw. */
        record Failed(Output.Error error) implements Outcome {
        }

        /** The notebook's JVM is gone (killed on timeout, {@code System.exit}, crash). */
        record Ended() implements Outcome {
        }
    }

    /** Where a snippet's first non-blank line is in the notebook. */
    private record Place(int cell, int line) {
        String at(int lineInSnippet) {
            return "cell " + cell + ", line " + (line + lineInSnippet - 1);
        }
    }

    private static final Set<Snippet.SubKind> VALUE_KINDS = Set.of(Snippet.SubKind.VAR_VALUE_SUBKIND,
            Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND, Snippet.SubKind.OTHER_EXPRESSION_SUBKIND);

    private final JShell shell;
    private final RemoteJvm jvm;
    private final Map<String, Place> places = new HashMap<>();

    private JavaSession(JShell shell, RemoteJvm jvm) {
        this.shell = shell;
        this.jvm = jvm;
    }

    /**
     * Starts a JVM in {@code folder} with {@code vmOptions} and a session in it whose output goes to
     * {@code log}; {@code console} receives what the JVM prints outside the session.
     */
    static JavaSession start(Path folder, List<String> vmOptions, OutputLog log, PrintStream console)
            throws NotebookException {
        RemoteJvm jvm = new RemoteJvm(folder, vmOptions, log.displays(), console);
        JShell shell;
        try {
            shell = build(jvm, log);
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new NotebookException("cannot start the notebook's JVM: " + cause.getMessage(), e);
        }
        shell.addToClasspath(RemoteJvm.runtimeClassPath());
        JavaSession session = new JavaSession(shell, jvm);
        if (!(session.run(prelude(), 0, 1) instanceof Outcome.Done)) {
            session.close();
            throw new IllegalStateException("the runner's own prelude failed to run; please report this.");
        }
        return session;
    }

    /**
     * Builds the JShell. Its compiler starts from the class path in the system property
     * {@code java.class.path}, which in the runner's process lists the runner's own libraries
     * (Jackson, picocli, Maven Resolver): notebook code would compile against them and then fail in
     * the notebook's JVM, which does not have them. So the property is set to the runtime package
     * alone while JShell is built, and the notebook sees only what its magics add, as in the kernels.
     */
    private static JShell build(RemoteJvm jvm, OutputLog log) {
        synchronized (JavaSession.class) {
            String hostClassPath = System.getProperty("java.class.path");
            System.setProperty("java.class.path", RemoteJvm.runtimeClassPath());
            try {
                return JShell.builder()
                        .executionEngine(jvm, Map.of())
                        .out(new PrintStream(log.stream("stdout"), true, StandardCharsets.UTF_8))
                        .err(new PrintStream(log.stream("stderr"), true, StandardCharsets.UTF_8))
                        .in(InputStream.nullInputStream())
                        .build();
            } finally {
                System.setProperty("java.class.path", hostClassPath);
            }
        }
    }

    /** Adds jars and class folders to the class path of the compiler and of the notebook's JVM. */
    void addToClasspath(List<Path> paths) {
        shell.addToClasspath(paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    }

    /** Runs {@code code}, the part of cell {@code cell} that starts at line {@code line}. */
    Outcome run(String code, int cell, int line) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        String valueName = null;
        while (true) {
            int lineOfRemaining = line + newlines(code, code.length() - remaining.length());
            SourceCodeAnalysis.CompletionInfo info;
            try {
                info = analysis.analyzeCompletion(remaining);
            } catch (IllegalStateException closed) {
                return new Outcome.Ended();
            }
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return new Outcome.Done(valueName);
            }
            if (!info.completeness().isComplete()) {
                return new Outcome.Failed(incomplete(remaining, new Place(cell, lineOfRemaining)));
            }
            Outcome outcome = evaluate(info.source(), new Place(cell, lineOfRemaining));
            if (!(outcome instanceof Outcome.Done done)) {
                return outcome;
            }
            valueName = done.valueName();
            remaining = info.remaining();
        }
    }

    /** Shows the value named {@code valueName} as the cell's result, as the kernels do. */
    Outcome publishResult(String valueName, int cell, int line) {
        return evaluate("org.msde4j.notebook.runtime.ExecuteResult.publish(" + valueName + ");", new Place(cell, line));
    }

    /** Ends the notebook's JVM now; running code stops and the session can no longer run code. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        shell.close();
        jvm.kill();
    }

    private Outcome evaluate(String source, Place start) {
        int leadingBlank = source.length() - source.stripLeading().length();
        Place place = new Place(start.cell(), start.line() + newlines(source, leadingBlank));
        List<SnippetEvent> events;
        try {
            events = shell.eval(source);
        } catch (IllegalStateException closed) {
            return new Outcome.Ended();
        }
        if (ended()) {
            return new Outcome.Ended();
        }
        String valueName = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            places.put(snippet.id(), place);
            if (event.exception() != null) {
                return new Outcome.Failed(thrown(event.exception()));
            }
            if (!event.status().isDefined()) {
                return new Outcome.Failed(notCompiled(snippet, source, start));
            }
            if (snippet.subKind().isExecutable() && event.value() == null) {
                // JShell's sign that the code did not return: the JVM ended under it (System.exit, crash).
                return new Outcome.Ended();
            }
            if (event.value() != null && VALUE_KINDS.contains(snippet.subKind())) {
                valueName = snippet instanceof VarSnippet var ? var.name() : ((ExpressionSnippet) snippet).name();
            }
        }
        return new Outcome.Done(valueName);
    }

    /** Whether the notebook's JVM is gone, as far as can be seen without running code. */
    private boolean ended() {
        try {
            shell.snippets();
        } catch (IllegalStateException closed) {
            return true;
        }
        return !jvm.isAlive();
    }

    private Output.Error notCompiled(Snippet snippet, String source, Place start) {
        List<String> traceback = new ArrayList<>();
        String firstMessage = null;
        for (Diag diag : shell.diagnostics(snippet).toList()) {
            if (!diag.isError()) {
                continue;
            }
            int position = (int) Math.max(0, diag.getStartPosition());
            String message = diag.getMessage(null).lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .reduce((a, b) -> a + "\n" + b).orElse("(no message)");
            if (firstMessage == null) {
                firstMessage = message.lines().findFirst().orElse("");
            }
            int lineInSource = newlines(source, position);
            List<String> lines = message.lines().toList();
            traceback.add(new Place(start.cell(), start.line() + lineInSource).at(1) + ": " + lines.get(0));
            lines.subList(1, lines.size()).forEach(traceback::add);
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            traceback.add("    " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
            traceback.add("    " + " ".repeat(position - lineStart) + "^");
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                String message = "`" + declaration.name() + "` needs " + String.join(", ", missing)
                        + ", which is not defined (define it in an earlier cell)";
                firstMessage = firstMessage == null ? message : firstMessage;
                traceback.add(places.get(snippet.id()).at(1) + ": " + message);
            }
        }
        return new Output.Error("CompilationException", firstMessage == null ? "" : firstMessage, traceback);
    }

    private Output.Error thrown(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            String message = "`" + snippet.name() + "` cannot run until " + String.join(", ",
                    shell.unresolvedDependencies(snippet).toList()) + " is defined";
            return new Output.Error("UnresolvedReferenceException", message,
                    List.of(places.getOrDefault(snippet.id(), new Place(0, 1)).at(1) + ": " + message));
        }
        EvalException top = (EvalException) exception;
        List<String> traceback = new ArrayList<>();
        for (Throwable t = top; t != null; t = t.getCause()) {
            String name = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            String message = t.getMessage() == null ? "" : ": " + t.getMessage();
            traceback.add((t == top ? "" : "Caused by: ") + name + message);
            for (StackTraceElement frame : t.getStackTrace()) {
                traceback.add("\tat " + describe(frame));
            }
        }
        String message = top.getMessage() == null ? "" : top.getMessage();
        return new Output.Error(top.getExceptionClassName(), message, traceback);
    }

    /** A stack frame, with JShell's snippet files ({@code #12}) replaced by notebook cell and line. */
    private String describe(StackTraceElement frame) {
        String file = frame.getFileName();
        Place place = file != null && file.startsWith("#") ? places.get(file.substring(1)) : null;
        if (place == null) {
            return frame.toString();
        }
        return frame.getMethodName() + "(" + place.at(frame.getLineNumber()) + ")";
    }

    private static Output.Error incomplete(String remaining, Place place) {
        String first = remaining.strip().lines().findFirst().orElse("");
        return new Output.Error("IncompleteSourceException", first, List.of(
                place.at(1) + ": the code ends before its statement does (a missing `)`, `}` or `;`?):",
                remaining.strip()));
    }

    private static int newlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < end && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private static String prelude() {
        try (InputStream in = JavaSession.class.getResourceAsStream("prelude.jsh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("prelude.jsh is missing from the runner's jar", e);
        }
    }
}
