package org.msde4j.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msde4j.notebook.runtime.DisplayFrame;

/**
 * Collects the outputs of a notebook's code cells in the order the notebook's JVM produced them:
 * printed text (consecutive text of one stream becomes one output, as in JupyterLab), displayed
 * bundles, results and errors. Text and frames arrive on JShell's reader thread through
 * {@link #stream} and {@link #displays}; the runner reads the outputs when a cell has finished.
 * {@code updateDisplay} replaces a displayed bundle wherever it is, also in an earlier cell.
 */
final class OutputLog {

    private final Map<Integer, List<Output>> outputs = new LinkedHashMap<>();
    private final DisplayFrame.Reader frames = new DisplayFrame.Reader();
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private String textStream;
    private int cell;
    private int executionCount;

    /** Directs what follows to the code cell numbered {@code cell}, run as {@code In[executionCount]}. */
    synchronized void startCell(int cell, int executionCount) {
        flushText();
        this.cell = cell;
        this.executionCount = executionCount;
        outputs.put(cell, new ArrayList<>());
    }

    /** Adds an output made by the runner (an error, a magic's failure) to the current cell. */
    synchronized void add(Output output) {
        flushText();
        current().add(output);
    }

    /** The outputs of {@code cell} so far. */
    synchronized List<Output> outputs(int cell) {
        flushText();
        return List.copyOf(outputs.getOrDefault(cell, List.of()));
    }

    /** A sink for the bytes (UTF-8) of one stream, {@code "stdout"} or {@code "stderr"}. */
    OutputStream stream(String name) {
        return new Sink((bytes, offset, length) -> text(name, bytes, offset, length));
    }

    /** A sink for the {@link DisplayFrame}s the notebook's JVM sends. */
    OutputStream displays() {
        return new Sink(this::frames);
    }

    /** An output stream that hands every write to a receiver. */
    private static final class Sink extends OutputStream {

        interface Receiver {
            void accept(byte[] bytes, int offset, int length);
        }

        private final Receiver receiver;

        Sink(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            receiver.accept(bytes, offset, length);
        }
    }

    private synchronized void text(String stream, byte[] bytes, int offset, int length) {
        if (!stream.equals(textStream)) {
            flushText();
            textStream = stream;
        }
        text.write(bytes, offset, length);
    }

    private synchronized void frames(byte[] bytes, int offset, int length) {
        for (DisplayFrame frame : frames.accept(bytes, offset, length)) {
            switch (frame.kind()) {
                case DISPLAY -> add(new Output.Display(frame.displayId(), frame.data()));
                case RESULT -> add(new Output.Result(executionCount, frame.data()));
                case UPDATE -> update(frame.displayId(), frame.data());
            }
        }
    }

    private void update(String displayId, Map<String, String> data) {
        flushText();
        for (List<Output> list : outputs.values()) {
            list.replaceAll(output -> output instanceof Output.Display shown && shown.displayId().equals(displayId)
                    ? new Output.Display(displayId, data) : output);
        }
    }

    /** Turns the pending bytes into text (only now, so that no UTF-8 sequence is cut) and stores it. */
    private void flushText() {
        if (text.size() == 0) {
            return;
        }
        String chunk = text.toString(StandardCharsets.UTF_8);
        text.reset();
        List<Output> list = current();
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Output.Stream last
                && last.name().equals(textStream)) {
            list.set(list.size() - 1, last.append(chunk));
        } else {
            list.add(new Output.Stream(textStream, chunk));
        }
    }

    private List<Output> current() {
        return outputs.computeIfAbsent(cell, c -> new ArrayList<>());
    }
}
