package org.msde4j.notebook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON conventions of {@code .ipynb} files as Jupyter writes them, so that a notebook saved by the
 * runner and then by JupyterLab differs only where the content differs: keys sorted, one space of
 * indentation per level, {@code "key": value}, empty containers as {@code []}/{@code {}}, a final
 * newline, non-ASCII characters unescaped (Python's {@code json.dumps(nb, sort_keys=True, indent=1,
 * ensure_ascii=False)}), and multi-line strings stored as arrays of lines that keep their
 * line breaks (nbformat's "multiline string", written by {@code nbformat.v4.rwbase.split_lines}).
 */
final class NotebookJson {

    /** The characters at which Python's {@code str.splitlines} ends a line. */
    private static final String PYTHON_LINE_BREAKS = "\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private NotebookJson() {
    }

    /** {@code node} as Jupyter writes it. */
    static String format(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.setPrettyPrinter(prettyPrinter());
            MAPPER.writeTree(generator, sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notebook JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /** The text of an nbformat multiline string: a string, or an array of strings to concatenate. */
    static String text(JsonNode multiline) {
        if (multiline == null || multiline.isNull()) {
            return "";
        }
        if (multiline.isTextual()) {
            return multiline.textValue();
        }
        StringBuilder text = new StringBuilder();
        multiline.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /**
     * {@code text} as an nbformat multiline string: its lines, each with its line break, cut where
     * Python's {@code str.splitlines(keepends=True)} cuts (what nbformat's writer uses), so that the
     * runner stores text exactly as Jupyter does.
     */
    static ArrayNode lines(String text) {
        ArrayNode lines = MAPPER.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (PYTHON_LINE_BREAKS.indexOf(c) >= 0) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * Stores every multiline string of {@code notebook} as lines, as nbformat's writer does
     * ({@code split_lines}): cell sources, and the text types of attachments and output bundles.
     */
    static void splitLines(ObjectNode notebook) {
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.get("source") != null && cell.get("source").isTextual()) {
                ((ObjectNode) cell).set("source", lines(cell.get("source").textValue()));
            }
            cell.path("attachments").forEach(NotebookJson::splitBundle);
            for (JsonNode output : cell.path("outputs")) {
                splitBundle(output.path("data"));
                if (output.get("text") != null && output.get("text").isTextual()) {
                    ((ObjectNode) output).set("text", lines(output.get("text").textValue()));
                }
            }
        }
    }

    /** Whether nbformat stores values of {@code mimeType} as lines (text types, JavaScript, SVG). */
    static boolean isLineSplit(String mimeType) {
        return mimeType.startsWith("text/") || mimeType.equals("application/javascript")
                || mimeType.equals("image/svg+xml");
    }

    private static void splitBundle(JsonNode bundle) {
        if (bundle instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String type : names) {
                if (isLineSplit(type) && object.get(type).isTextual()) {
                    object.set(type, lines(object.get(type).textValue()));
                }
            }
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
