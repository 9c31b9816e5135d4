package org.msde4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 serving byte arrays, for download tests. It honours
 * {@code Range: bytes=N-} requests and can drop the connection part-way through a transfer, answer
 * with an error status, or answer a range request with other bytes than those asked for.
 *
 * <p>A test class gets a fresh server for every test, closed after it, with
 * {@code @RegisterExtension final FixtureServer server = FixtureServer.started();}.
 */
public final class FixtureServer implements AutoCloseable, AfterEachCallback {

    private final ServerSocket socket;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final Map<String, Integer> failWith = new ConcurrentHashMap<>();
    private final Map<String, Integer> rangeFrom = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rangeRequests = new AtomicInteger();
    private volatile boolean honourRanges = true;

    public FixtureServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fixture-server");
        accept.setDaemon(true);
        accept.start();
    }

    /** A running server (for a field initialiser, where a checked exception cannot be thrown). */
    public static FixtureServer started() {
        try {
            return new FixtureServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test HTTP server on 127.0.0.1", e);
        }
    }

    /** Closes the server after each test of a class that registered it as an extension. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Serves {@code content} at {@code path} (e.g. "/model.pt"). */
    public URI serve(String path, byte[] content) {
        files.put(path, content);
        return uri(path);
    }

    /** The next transfer of {@code path} drops the connection after {@code bytes} body bytes. */
    public void cutNextTransferAfter(String path, int bytes) {
        cutAfter.put(path, bytes);
    }

    /** The next request for {@code path} is answered with the HTTP error {@code status} and no body. */
    public void failNextRequest(String path, int status) {
        failWith.put(path, status);
    }

    /** The next range request for {@code path} gets the bytes from {@code from} on, whatever it asked for. */
    public void answerNextRangeFrom(String path, int from) {
        rangeFrom.put(path, from);
    }

    public void honourRanges(boolean value) {
        honourRanges = value;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    public int requests() {
        return requests.get();
    }

    public int rangeRequests() {
        return rangeRequests.get();
    }

    /** The {@code Range} headers received, in order (honoured or not). */
    public List<String> ranges() {
        return List.copyOf(ranges);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> handle(s), "fixture-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            String path = requestLine.split(" ")[1];
            String range = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase().startsWith("range:")) {
                    range = line.substring(6).trim();
                }
            }
            requests.incrementAndGet();
            if (range != null) {
                ranges.add(range);
            }
            OutputStream out = s.getOutputStream();
            byte[] body = files.get(path);
            if (body == null) {
                head(out, "404 Not Found", 0, null);
                return;
            }
            Integer fail = failWith.remove(path);
            if (fail != null) {
                head(out, fail + " Failed", 0, null);
                return;
            }
            int from = 0;
            String status = "200 OK";
            String contentRange = null;
            if (range != null && honourRanges) {
                rangeRequests.incrementAndGet();
                from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
                if (from >= body.length) {
                    head(out, "416 Range Not Satisfiable", 0, "bytes */" + body.length);
                    return;
                }
                Integer other = rangeFrom.remove(path);
                from = other == null ? from : other;
                status = "206 Partial Content";
                contentRange = "bytes " + from + "-" + (body.length - 1) + "/" + body.length;
            }
            head(out, status, body.length - from, contentRange);
            Integer cut = cutAfter.remove(path);
            int end = cut == null ? body.length : Math.min(body.length, from + cut);
            out.write(body, from, end - from);
            out.flush();
        } catch (IOException e) {
            // A client that goes away is not an error of the server.
        }
    }

    private static void head(OutputStream out, String status, long length, String contentRange) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        if (contentRange != null) {
            h.append("Content-Range: ").append(contentRange).append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test server
        }
    }
}
