package org.msde4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.msde4j.Version;

/**
 * A self-checking binary file of a JSON header and named matrices of doubles, for fitted models:
 *
 * <pre>
 * signature  8 bytes  chosen by the file type
 * format     int      the file type's format number (newer formats are refused with a clear message)
 * library    UTF      version of the msde4j that wrote it
 * length     long     payload bytes
 * payload    int + UTF-8 JSON header (with "arrays": [{name, rows, cols}, …]), then each array's
 *            doubles, big-endian, row by row, in header order
 * checksum   long     CRC-32 of the payload
 * </pre>
 * Written atomically ({@link AtomicFiles}); a truncated, corrupted, foreign or newer file is refused
 * before any value is used, with a message that names the file and says what to do.
 */
public final class ArrayContainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A file type.
     *
     * @param signature the 8 bytes a file of this type starts with
     * @param format    the format this msde4j writes (and the newest it reads)
     * @param what      what such a file holds, for messages (e.g. "msde4j local model")
     * @param remedy    what to do when a file cannot be used (e.g. "re-fit the model with msde-fit --local")
     */
    public record Type(byte[] signature, int format, String what, String remedy) {
        public Type {
            if (signature.length != 8) {
                throw new IllegalArgumentException("a file signature has 8 bytes, got " + signature.length + ".");
            }
            signature = signature.clone();
        }
    }

    /** What a file holds: its header (without the array list) and its arrays by name. */
    public record Content(int format, ObjectNode header, Map<String, double[][]> arrays) {
    }

    private ArrayContainer() {
    }

    /** True when {@code file} starts with {@code type}'s signature (false for a missing or short file). */
    public static boolean hasSignature(Path file, Type type) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < 8) {
            return false;
        }
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 8) == 8 && Arrays.equals(head, type.signature());
        }
    }

    /** Writes {@code header} plus the arrays (listed in it as {@code "arrays"}) to {@code file}, atomically. */
    public static void write(Path file, Type type, ObjectNode header, Map<String, double[][]> arrays) throws IOException {
        ObjectNode h = header.deepCopy();
        ArrayNode shapes = h.putArray("arrays");
        long doubles = 0;
        for (Map.Entry<String, double[][]> e : arrays.entrySet()) {
            double[][] a = e.getValue();
            int cols = a.length == 0 ? 0 : a[0].length;
            for (double[] row : a) {
                if (row.length != cols) {
                    throw new IllegalArgumentException("array " + e.getKey() + " is not rectangular.");
                }
            }
            shapes.addObject().put("name", e.getKey()).put("rows", a.length).put("cols", cols);
            doubles += (long) a.length * cols;
        }
        byte[] json = JSON.writeValueAsBytes(h);
        ByteBuffer payload = ByteBuffer.allocate(Math.toIntExact(4 + json.length + 8 * doubles));
        payload.putInt(json.length).put(json);
        for (double[][] a : arrays.values()) {
            for (double[] row : a) {
                for (double v : row) {
                    payload.putDouble(v);
                }
            }
        }
        CRC32 crc = new CRC32();
        crc.update(payload.array());
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.write(type.signature());
            data.writeInt(type.format());
            data.writeUTF(Version.current());
            data.writeLong(payload.capacity());
            data.write(payload.array());
            data.writeLong(crc.getValue());
            data.flush();
        });
    }

    /** Reads a file of {@code type}, checking signature, format, length and checksum first. */
    public static Content read(Path file, Type type) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(type.what() + " file " + file + " does not exist: check the path, or " + type.remedy() + ".");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] signature = new byte[8];
            in.get(signature);
            if (!Arrays.equals(signature, type.signature())) {
                throw new IOException(file + " is not an " + type.what() + " file (its first bytes are not its signature).");
            }
            int format = in.getInt();
            byte[] writer = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(writer);
            if (format > type.format() || format < 1) {
                throw new IOException(file + " was written by msde4j " + new String(writer, StandardCharsets.UTF_8)
                        + " in " + type.what() + " format " + format + "; this msde4j (" + Version.current()
                        + ") reads formats 1 to " + type.format() + ": upgrade msde4j, or " + type.remedy() + ".");
            }
            long length = in.getLong();
            if (length != in.remaining() - 8L) {
                throw new IOException(file + " is truncated or damaged: its payload should have " + length + " bytes, "
                        + "found " + (in.remaining() - 8) + " (an interrupted copy?): copy it again, or " + type.remedy() + ".");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, in.position(), (int) length);
            ByteBuffer payload = in.slice(in.position(), (int) length);
            in.position(in.position() + (int) length);
            if (crc.getValue() != in.getLong()) {
                throw new IOException(file + " is corrupted: its checksum does not match its content. Copy it again, or "
                        + type.remedy() + ".");
            }
            byte[] json = new byte[payload.getInt()];
            payload.get(json);
            ObjectNode header = (ObjectNode) JSON.readTree(json);
            Map<String, double[][]> arrays = new LinkedHashMap<>();
            for (var shape : header.withArray("arrays")) {
                double[][] a = new double[shape.get("rows").asInt()][shape.get("cols").asInt()];
                for (double[] row : a) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = payload.getDouble();
                    }
                }
                arrays.put(shape.get("name").asText(), a);
            }
            header.remove("arrays");
            return new Content(format, header, arrays);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException(file + " is truncated: it ended before its content was complete. Copy it again, or "
                    + type.remedy() + ".", e);
        }
    }
}
