package org.msde4j.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.msde4j.image.ImageRef;
import org.msde4j.image.Pixels;
import org.msde4j.io.FileFingerprints;
import org.msde4j.io.Sha256;

/**
 * What a list of images holds, as one SHA-256 over each image's name and content: the SHA-256 of an
 * image file's bytes, or for an array entry its source's {@link ImageRef.Array#content()} (e.g. the
 * SHA-256 of the {@code .npz}) or, when that is unknown, the SHA-256 of its pixels. Caches key their entries by it, so an image
 * edited or replaced under the same name is never answered from a stale entry.
 *
 * <p>File digests are remembered per list in {@code indexDir} ({@link FileFingerprints}): a later run
 * over the same, unchanged files only reads their size and times.
 */
public final class ImageContent {

    private ImageContent() {
    }

    /** The content digest of {@code images}, with file fingerprints remembered in {@code indexDir}. */
    public static String digest(List<ImageRef> images, Path indexDir) throws IOException {
        return digest(images, indexDir, null);
    }

    /**
     * {@link #digest(List, Path)}; adds the bytes read and hashed (files not remembered) to
     * {@code hashed[0]} when given.
     */
    public static String digest(List<ImageRef> images, Path indexDir, long[] hashed) throws IOException {
        StringBuilder names = new StringBuilder();
        images.forEach(ref -> names.append(ref.name()).append('\n'));
        FileFingerprints fingerprints = FileFingerprints.open(indexDir.resolve(
                Sha256.of(names.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 24) + ".json"));
        MessageDigest all = sha256();
        for (ImageRef ref : images) {
            String content;
            if (ref instanceof ImageRef.File f) {
                content = fingerprints.sha256(f.path());
            } else {
                ImageRef.Array a = (ImageRef.Array) ref;
                content = a.content() != null ? a.content() : pixelsDigest(a.pixels().get());
            }
            all.update((ref.name() + '\t' + content + '\n').getBytes(StandardCharsets.UTF_8));
        }
        fingerprints.save();
        if (hashed != null) {
            hashed[0] += fingerprints.hashedBytes();
        }
        return HexFormat.of().formatHex(all.digest());
    }

    private static String pixelsDigest(Pixels p) {
        MessageDigest md = sha256();
        ByteBuffer header = ByteBuffer.allocate(16).putInt(p.width()).putInt(p.height()).putInt(p.channels())
                .putInt(p.maxValue());
        md.update(header.array());
        ByteBuffer values = ByteBuffer.allocate(4 * p.values().length);
        values.asIntBuffer().put(p.values());
        md.update(values.array());
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
