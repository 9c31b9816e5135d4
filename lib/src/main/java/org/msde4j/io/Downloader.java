package org.msde4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a file over HTTP(S) into a local path, once.
 *
 * <ul>
 *   <li>An existing target whose SHA-256 matches (or with no checksum given) is used as is.</li>
 *   <li>Bytes go to {@code target.part}; an interrupted transfer resumes from there with an HTTP
 *       {@code Range} request (or starts over if the server ignores ranges), up to
 *       {@link Options#attempts()} times. A reply whose {@code Content-Range} does not fit the
 *       partial file discards it, and the next attempt starts from the beginning.</li>
 *   <li>An HTTP error status ends the download at once; after a temporary one (408, 429, 5xx) the
 *       partial file is kept, so that a later call resumes.</li>
 *   <li>The finished file is checked against the expected SHA-256 and only then moved into place;
 *       on a mismatch nothing is cached.</li>
 *   <li>In offline mode the network is never touched: a missing file is an error that says where it
 *       was expected.</li>
 * </ul>
 */
public final class Downloader {

    /** Receives progress: bytes so far and the total (−1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(long bytes, long total);

        Progress NONE = (bytes, total) -> { };
    }

    /**
     * @param offline  never use the network
     * @param attempts transfers tried before giving up (resuming each time)
     * @param timeout  connect and per-response timeout
     * @param progress progress receiver
     */
    public record Options(boolean offline, int attempts, Duration timeout, Progress progress) {

        /** Online, 3 attempts, 30 s timeout, no progress output; offline if {@code -Dmsde4j.offline=true}. */
        public static Options defaults() {
            return new Options(Boolean.getBoolean("msde4j.offline"), 3, Duration.ofSeconds(30), Progress.NONE);
        }

        public Options withOffline(boolean value) {
            return new Options(value, attempts, timeout, progress);
        }

        public Options withProgress(Progress value) {
            return new Options(offline, attempts, timeout, value);
        }

        public Options withAttempts(int value) {
            return new Options(offline, value, timeout, progress);
        }
    }

    private Downloader() {
    }

    /**
     * Makes {@code target} hold the content of {@code url}, verified against {@code sha256} when given.
     *
     * @return {@code target}
     */
    public static Path fetch(URI url, Path target, String sha256, Options options) throws IOException {
        String expected = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(target)) {
            if (expected == null || expected.equals(Sha256.of(target))) {
                return target;
            }
            if (options.offline()) {
                throw new IOException("offline mode: " + target + " is cached but its SHA-256 does not match " + expected
                        + "; delete it and fetch " + url + " with the network enabled.");
            }
        }
        if (options.offline()) {
            throw new IOException("offline mode: " + target.getFileName() + " is not cached at " + target
                    + "; fetch " + url + " with the network allowed (run without --offline; in Java without "
                    + "-Dmsde4j.offline=true or Options.withOffline(true)), or copy the file there.");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        IOException last = null;
        for (int attempt = 1; attempt <= Math.max(1, options.attempts()); attempt++) {
            try {
                transfer(url, part, options);
                last = null;
                break;
            } catch (HttpStatusException e) {
                if (!e.temporary) {
                    Files.deleteIfExists(part);
                }
                throw e;
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null) {
            long kept = Files.isRegularFile(part) ? Files.size(part) : 0;
            throw new IOException("download of " + url + " failed after " + options.attempts() + " attempts ("
                    + cause(last) + "); " + (kept > 0 ? "the " + kept + " bytes received are kept in " + part
                    + ", so the next try resumes." : "check the address and the network connection (a proxy or "
                    + "firewall?), then try again."), last);
        }
        if (expected != null) {
            String actual = Sha256.of(part);
            if (!expected.equals(actual)) {
                Files.deleteIfExists(part);
                throw new IOException("checksum mismatch for " + url + ": expected SHA-256 " + expected + ", got " + actual
                        + "; nothing was cached. The source changed or the transfer was corrupted: check the URL "
                        + "and the expected checksum.");
            }
        }
        AtomicFiles.moveIntoPlace(part, target);
        return target;
    }

    /** An exception and its causes as "Type: message" parts, so that a bare host name still says what failed. */
    static String cause(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            s.append(s.length() == 0 ? "" : ", caused by ").append(t.getClass().getSimpleName())
                    .append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return s.toString();
    }

    /** One HTTP transfer into {@code part}, resuming from its current length. */
    private static void transfer(URI url, Path part, Options options) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        int timeout = (int) options.timeout().toMillis();
        connection.setConnectTimeout(timeout);
        connection.setReadTimeout(timeout);
        connection.setInstanceFollowRedirects(true);
        if (have > 0) {
            connection.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status = connection.getResponseCode();
            String range = connection.getHeaderField("Content-Range");
            if (status == 416 && have > 0) {
                if (number(range, "bytes \\*/(\\d{1,18})") == have) {
                    return;
                }
                throw discard(part, url + " answered the request for bytes " + have + "- with HTTP 416 and Content-Range \""
                        + range + "\", so the file is not " + have + " bytes long");
            }
            boolean append = status == 206;
            if (append && number(range, "bytes (\\d{1,18})-\\d+/(\\d+|\\*)") != have) {
                throw discard(part, url + " answered the request for bytes " + have + "- with Content-Range \"" + range + "\"");
            }
            if (status != 200 && !append) {
                boolean temporary = status == 408 || status == 429 || status >= 500;
                String advice = !temporary ? "check the URL (and access rights)."
                        : have == 0 ? "a temporary server error, try again later."
                        : "a temporary server error, try again later; the " + have + " bytes received are kept in "
                        + part + ", so that try resumes.";
                throw new HttpStatusException(temporary, url + " answered HTTP " + status + ": " + advice);
            }
            long length = connection.getContentLengthLong();
            long total = length < 0 ? -1 : append ? length + have : length;
            long written = append ? have : 0;
            try (InputStream in = connection.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) >= 0) {
                    out.write(buf, 0, r);
                    written += r;
                    options.progress().update(written, total);
                }
            }
            if (total >= 0 && written != total) {
                throw new IOException("connection closed after " + written + " of " + total + " bytes");
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Group 1 of {@code regex} as a number when the header matches it as a whole, else −1 (also for no header). */
    private static long number(String header, String regex) {
        Matcher m = header == null ? null : Pattern.compile(regex).matcher(header.trim());
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Deletes the partial file, which does not fit the server's reply; the next attempt starts from byte 0. */
    private static IOException discard(Path part, String problem) throws IOException {
        Files.deleteIfExists(part);
        return new IOException(problem + "; the partial file " + part + " was discarded, so the next attempt "
                + "downloads from the beginning");
    }

    /** An HTTP error status: the download stops; after a temporary one the partial file is kept. */
    private static final class HttpStatusException extends IOException {
        final boolean temporary;

        HttpStatusException(boolean temporary, String message) {
            super(message);
            this.temporary = temporary;
        }
    }
}
