package org.msde4j.notebook.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message from the notebook's JVM to the runner about rich output: show a bundle
 * ({@link Kind#DISPLAY}), make it the cell's result ({@link Kind#RESULT}) or replace an earlier
 * display ({@link Kind#UPDATE}).
 *
 * <p>Wire format (big-endian): {@code int n} = number of bytes that follow; then {@code byte kind};
 * display id as Java modified UTF-8 ({@code writeUTF}, empty for none); {@code int} number of
 * entries; per entry the MIME type ({@code writeUTF}) and the value as {@code int length} + UTF-8
 * bytes. The length prefix lets the reader cut frames out of a byte stream that arrives in pieces.
 */
public record DisplayFrame(Kind kind, String displayId, Map<String, String> data) {

    /** What the runner should do with the bundle. */
    public enum Kind { DISPLAY, RESULT, UPDATE }

    public DisplayFrame {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** This frame as bytes, length prefix included. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeByte(kind.ordinal());
            out.writeUTF(displayId == null ? "" : displayId);
            out.writeInt(data.size());
            for (Map.Entry<String, String> entry : data.entrySet()) {
                out.writeUTF(entry.getKey());
                byte[] value = entry.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(value.length);
                out.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = body.toByteArray();
        ByteArrayOutputStream framed = new ByteArrayOutputStream(payload.length + 4);
        try (DataOutputStream out = new DataOutputStream(framed)) {
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return framed.toByteArray();
    }

    /** Cuts complete frames out of bytes that arrive in arbitrary pieces. Not thread-safe. */
    public static final class Reader {

        private byte[] buffer = new byte[1 << 12];
        private int filled;

        /** Adds bytes and returns the frames they complete, in order. */
        public List<DisplayFrame> accept(byte[] bytes, int offset, int length) {
            if (filled + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, filled + length));
            }
            System.arraycopy(bytes, offset, buffer, filled, length);
            filled += length;
            List<DisplayFrame> frames = new ArrayList<>();
            int position = 0;
            while (filled - position >= 4) {
                int size = ((buffer[position] & 0xff) << 24) | ((buffer[position + 1] & 0xff) << 16)
                        | ((buffer[position + 2] & 0xff) << 8) | (buffer[position + 3] & 0xff);
                if (filled - position - 4 < size) {
                    break;
                }
                frames.add(decode(buffer, position + 4, size));
                position += 4 + size;
            }
            System.arraycopy(buffer, position, buffer, 0, filled - position);
            filled -= position;
            return frames;
        }

        private static DisplayFrame decode(byte[] bytes, int offset, int length) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
                Kind kind = Kind.values()[in.readUnsignedByte()];
                String id = in.readUTF();
                int entries = in.readInt();
                Map<String, String> data = new LinkedHashMap<>();
                for (int i = 0; i < entries; i++) {
                    String type = in.readUTF();
                    byte[] value = new byte[in.readInt()];
                    in.readFully(value);
                    data.put(type, new String(value, StandardCharsets.UTF_8));
                }
                return new DisplayFrame(kind, id.isEmpty() ? null : id, data);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt display frame: " + e.getMessage(), e);
            }
        }
    }
}
