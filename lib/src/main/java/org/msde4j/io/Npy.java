package org.msde4j.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * NumPy's {@code .npy} format (versions 1–3) and {@code .npz} archives (zips of {@code .npy}), as
 * specified in NumPy's NEP 1: magic {@code \x93NUMPY}, version, header length, a Python-literal
 * header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }}, then the raw data.
 *
 * <p>Reads booleans, signed and unsigned integers of 1–8 bytes and floats of 4 or 8 bytes, either
 * byte order, C or Fortran order; writes little-endian float32 and float64 in C order.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * A numeric array read from a file.
     *
     * @param kind   'b' bool, 'i' signed, 'u' unsigned, 'f' float
     * @param bytes  bytes per element
     * @param shape  dimensions
     * @param data   elements in C (row-major) order, in the buffer's byte order
     */
    public record Array(char kind, int bytes, long[] shape, ByteBuffer data) {

        /** Number of elements. */
        public long size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** Element i (C order) as a double. */
        public double get(long i) {
            int at = (int) (i * bytes);
            return switch (kind) {
                case 'f' -> bytes == 4 ? data.getFloat(at) : data.getDouble(at);
                case 'u' -> switch (bytes) {
                    case 1 -> data.get(at) & 0xff;
                    case 2 -> data.getShort(at) & 0xffff;
                    case 4 -> data.getInt(at) & 0xffffffffL;
                    default -> data.getLong(at);
                };
                case 'b' -> data.get(at) != 0 ? 1 : 0;
                default -> switch (bytes) {
                    case 1 -> data.get(at);
                    case 2 -> data.getShort(at);
                    case 4 -> data.getInt(at);
                    default -> data.getLong(at);
                };
            };
        }

        /** All elements as doubles, C order. */
        public double[] toDoubles() {
            double[] out = new double[Math.toIntExact(size())];
            for (int i = 0; i < out.length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /** The NumPy type string, e.g. {@code <f4}. */
        public String dtype() {
            return (bytes == 1 ? "|" : data.order() == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + kind + bytes;
        }
    }

    /** Reads one {@code .npy} file. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads one {@code .npy} stream; {@code source} names it in error messages. */
    public static Array read(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new IOException(source + " is not a NumPy .npy array: it is shorter than the .npy signature.");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + " is not a NumPy .npy array (missing the \\x93NUMPY signature).");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        } else if (major == 2 || major == 3) {
            headerLength = Integer.reverseBytes(in.readInt());
        } else {
            throw new IOException(source + " uses .npy format version " + major + ", which is not supported (1–3 are).");
        }
        byte[] headerBytes = new byte[headerLength];
        in.readFully(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shape.find()) {
            throw new IOException(source + " has an unsupported .npy header (" + header.trim()
                    + "): only numeric arrays (bool, int, uint, float) are read.");
        }
        char kind = descr.group(2).charAt(0);
        int bytes = Integer.parseInt(descr.group(3));
        if (kind == 'f' && bytes != 4 && bytes != 8 || bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) {
            throw new IOException(source + " holds elements of type " + descr.group(0) + ", which is not supported.");
        }
        ByteOrder byteOrder = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        long[] dimensions = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long dim : dimensions) {
            count *= dim;
        }
        byte[] raw = new byte[Math.toIntExact(count * bytes)];
        try {
            in.readFully(raw);
        } catch (EOFException e) {
            throw new IOException(source + " is truncated: its header announces " + count + " elements of "
                    + bytes + " bytes but the data ends early.");
        }
        ByteBuffer data = ByteBuffer.wrap(raw).order(byteOrder);
        if (order.group(1).equals("True") && dimensions.length > 1) {
            data = toRowMajor(data, dimensions, bytes);
        }
        return new Array(kind, bytes, dimensions, data);
    }

    private static ByteBuffer toRowMajor(ByteBuffer fortran, long[] shape, int bytes) {
        int n = fortran.capacity() / bytes;
        byte[] out = new byte[fortran.capacity()];
        int[] dims = Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
        int[] index = new int[dims.length];
        for (int c = 0; c < n; c++) {
            int f = 0;
            int stride = 1;
            for (int a = 0; a < dims.length; a++) {
                f += index[a] * stride;
                stride *= dims[a];
            }
            fortran.get(f * bytes, out, c * bytes, bytes);
            for (int a = dims.length - 1; a >= 0; a--) {
                if (++index[a] < dims[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        return ByteBuffer.wrap(out).order(fortran.order());
    }

    /** Reads every array of an {@code .npz} archive, keyed by name without {@code .npy}. */
    public static Map<String, Array> readNpz(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = openZip(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith(".npy")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(e.getName().substring(0, e.getName().length() - 4), read(in, file + "!" + e.getName()));
                    }
                }
            }
        }
        return out;
    }

    /** Reads one named array ({@code name} without {@code .npy}) of an {@code .npz} archive. */
    public static Array readNpz(Path file, String name) throws IOException {
        try (ZipFile zip = openZip(file)) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                List<String> names = new ArrayList<>();
                zip.stream().forEach(z -> names.add(z.getName().replace(".npy", "")));
                throw new IOException(file + " has no array '" + name + "'; it holds " + names + ".");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return read(in, file + "!" + e.getName());
            }
        }
    }

    private static ZipFile openZip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file.");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not a readable .npz archive (" + e.getMessage() + ").", e);
        }
    }

    /** Writes a float32 matrix (rows × cols, row-major {@code values}) as {@code .npy}. */
    public static void writeFloat32(OutputStream out, float[] values, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(out, "<f4", shape, b.array());
    }

    /** Writes a float64 array as {@code .npy}. */
    public static void writeFloat64(OutputStream out, double[] values, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        write(out, "<f8", shape, b.array());
    }

    private static void write(OutputStream out, String descr, long[] shape, byte[] data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        header = header + " ".repeat(padding) + "\n";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        head.write(1);
        head.write(0);
        head.write(header.length() & 0xff);
        head.write(header.length() >>> 8);
        head.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        out.write(data);
    }
}
