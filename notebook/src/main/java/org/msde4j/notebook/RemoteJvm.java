package org.msde4j.notebook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.msde4j.embed.PortableKernels;
import org.msde4j.notebook.runtime.Agent;

/**
 * JShell's execution engine for a notebook: a separate JVM, started in the notebook's folder with
 * libtorch's {@link PortableKernels}, that runs {@link Agent} and talks to JShell over a loopback socket.
 *
 * <p>Why a separate JVM rather than JShell's in-process ("local") engine: {@code %maven} brings
 * libraries with native code (ND4J, libtorch), which the JVM lets only one class loader load, so
 * two notebooks in one runner process would clash; notebook code may call {@code System.exit} or
 * exhaust memory; a cell that overruns its time can only be stopped for sure by ending its process;
 * and relative paths in notebook code must resolve from the notebook's folder, as in JupyterLab,
 * which needs the process's working directory. {@code %classpath} works the same with both engines
 * (JShell adds the path to the compiler and to the remote class loader). JShell's own JDI launcher
 * cannot set the working directory, hence this small launcher.
 */
final class RemoteJvm implements ExecutionControlProvider {

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Path workingDirectory;
    private final List<String> vmOptions;
    private final OutputStream displays;
    private final PrintStream console;
    private Process process;

    /**
     * @param displays where the display channel's bytes go
     * @param console  where the JVM's own output goes (native libraries, JVM errors), outside the notebook
     */
    RemoteJvm(Path workingDirectory, List<String> vmOptions, OutputStream displays, PrintStream console) {
        this.workingDirectory = workingDirectory;
        this.vmOptions = List.copyOf(vmOptions);
        this.displays = displays;
        this.console = console;
    }

    @Override
    public String name() {
        return "msde4j-notebook";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(command(server.getLocalPort()))
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true);
            PortableKernels.pinUnlessSet(builder.environment());
            process = builder.start();
            ProcessOutput output = ProcessOutput.forward(process.getInputStream(), console);
            Socket socket = accept(server, output);
            Map<String, OutputStream> outputs = Map.of("out", env.userOut(), "err", env.userErr(),
                    Agent.DISPLAY_CHANNEL, displays);
            Map<String, InputStream> inputs = Map.of("in", env.userIn());
            return Util.remoteInputOutput(socket.getInputStream(), socket.getOutputStream(), outputs, inputs,
                    (in, out) -> new StreamingExecutionControl(out, in) {
                        @Override
                        public void close() {
                            super.close();
                            kill();
                        }
                    });
        }
    }

    /** Whether the notebook's JVM is running. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the notebook's JVM at once (timeouts, end of the run). */
    void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(runtimeClassPath());
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(vmOptions);
        command.add(Agent.class.getName());
        command.add(Integer.toString(port));
        return command;
    }

    /** The jar (or class folder) holding the runtime package: all the notebook's JVM needs at start. */
    static String runtimeClassPath() {
        try {
            return Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the runner's own classes: " + e.getMessage(), e);
        }
    }

    private Socket accept(ServerSocket server, ProcessOutput output) throws IOException {
        server.setSoTimeout(200);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            try {
                return server.accept();
            } catch (SocketTimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("the notebook's JVM exited with code " + process.exitValue()
                            + " before connecting" + output.tail() + "\nCheck the --vm-option values.");
                }
                if (System.currentTimeMillis() > deadline) {
                    kill();
                    throw new IOException("the notebook's JVM did not connect within "
                            + START_TIMEOUT_MILLIS / 1000 + " s" + output.tail());
                }
            }
        }
    }

    /** Copies the JVM's own output to the console, keeping the last lines for error messages. */
    private static final class ProcessOutput {
        private final StringBuilder last = new StringBuilder();
        private Thread pump;

        static ProcessOutput forward(InputStream from, PrintStream to) {
            ProcessOutput output = new ProcessOutput();
            output.pump = new Thread(() -> output.copy(from, to), "notebook-jvm-output");
            output.pump.setDaemon(true);
            output.pump.start();
            return output;
        }

        private void copy(InputStream from, PrintStream to) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    to.println("[notebook JVM] " + line);
                    synchronized (last) {
                        last.append(line).append('\n');
                        if (last.length() > 2000) {
                            last.delete(0, last.length() - 2000);
                        }
                    }
                }
            } catch (IOException processEnded) {
                // The stream closes when the process is killed: there is nothing more to copy.
            }
        }

        /** The last lines the process printed, once it has printed all (waits up to a second). */
        String tail() {
            try {
                pump.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (last) {
                return last.length() == 0 ? "." : ":\n" + last.toString().stripTrailing();
            }
        }
    }
}
