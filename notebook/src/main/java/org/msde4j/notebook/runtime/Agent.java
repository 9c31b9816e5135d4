package org.msde4j.notebook.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * Main class of a notebook's JVM: connects to the runner on the loopback port given as the only
 * argument and serves JShell's execution requests there, as {@code jdk.jshell}'s own remote agent
 * does. Besides {@code System.out}, {@code System.err} and {@code System.in} it opens a fourth
 * channel, {@code display}, that carries {@link DisplayFrame}s in order with the printed text.
 */
public final class Agent {

    /** Name of the channel that carries display frames. */
    public static final String DISPLAY_CHANNEL = "display";

    private Agent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Agent PORT (started by the notebook runner)");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            Map<String, Consumer<OutputStream>> outputs = Map.of(
                    "out", stream -> System.setOut(new PrintStream(stream, true, StandardCharsets.UTF_8)),
                    "err", stream -> System.setErr(new PrintStream(stream, true, StandardCharsets.UTF_8)),
                    DISPLAY_CHANNEL, Display::connect);
            Map<String, Consumer<InputStream>> inputs = Map.of("in", System::setIn);
            Util.forwardExecutionControlAndIO(new RemoteExecutionControl(), socket.getInputStream(),
                    socket.getOutputStream(), outputs, inputs);
        }
        // Threads started by notebook code (thread pools, native libraries) must not keep this JVM alive.
        System.exit(0);
    }
}
