package org.msde4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of files and bytes, as lower-case hex. */
public final class Sha256 {

    private Sha256() {
    }

    /** Digest of a file's content. */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
            }
        }
        return hex(md);
    }

    /** Digest of bytes. */
    public static String of(byte[] bytes) {
        MessageDigest md = newDigest();
        md.update(bytes);
        return hex(md);
    }

    /**
     * A fresh SHA-256 computation, e.g. for a {@link java.security.DigestOutputStream}: the digest of
     * the very bytes written or read, with no second pass over a file that may change in between.
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Completes {@code md} and returns its digest as hex. */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
