package org.msde4j.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One output of a code cell, in the four kinds of nbformat 4: text printed to a stream, a displayed
 * MIME bundle, the cell's result ({@code Out[n]}), and an error.
 */
sealed interface Output {

    /** This output as an nbformat 4 output object. */
    ObjectNode toJson();

    /** Text written to {@code System.out} ({@code "stdout"}) or {@code System.err} ({@code "stderr"}). */
    record Stream(String name, String text) implements Output {
        @Override
        public ObjectNode toJson() {
            ObjectNode json = NotebookJson.MAPPER.createObjectNode();
            json.put("output_type", "stream");
            json.put("name", name);
            json.set("text", NotebookJson.lines(text));
            return json;
        }

        Stream append(String more) {
            return new Stream(name, text + more);
        }
    }

    /** A bundle shown by {@code display(...)}; {@code displayId} lets {@code updateDisplay} replace it. */
    record Display(String displayId, Map<String, String> data) implements Output {
        public Display {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        @Override
        public ObjectNode toJson() {
            return bundleOutput("display_data", data);
        }
    }

    /** The rendered value of the cell's last expression. */
    record Result(int executionCount, Map<String, String> data) implements Output {
        public Result {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        @Override
        public ObjectNode toJson() {
            return bundleOutput("execute_result", data).put("execution_count", executionCount);
        }
    }

    /** An error: exception class (or kind of failure), message, and the lines that explain it. */
    record Error(String ename, String evalue, List<String> traceback) implements Output {
        public Error {
            traceback = List.copyOf(traceback);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = NotebookJson.MAPPER.createObjectNode();
            json.put("output_type", "error");
            json.put("ename", ename);
            json.put("evalue", evalue);
            ArrayNode lines = json.putArray("traceback");
            traceback.forEach(lines::add);
            return json;
        }
    }

    /** An output of {@code type} that carries a MIME bundle and empty metadata. */
    private static ObjectNode bundleOutput(String type, Map<String, String> data) {
        ObjectNode json = NotebookJson.MAPPER.createObjectNode();
        json.put("output_type", type);
        json.set("data", mimeBundle(data));
        json.set("metadata", NotebookJson.MAPPER.createObjectNode());
        return json;
    }

    /**
     * A MIME bundle as nbformat stores it: text types as arrays of lines, JSON types as JSON, others
     * (base64 images) as one string.
     */
    private static ObjectNode mimeBundle(Map<String, String> data) {
        ObjectNode bundle = NotebookJson.MAPPER.createObjectNode();
        data.forEach((type, value) -> {
            if (type.matches("application/(.*\\+)?json")) {
                try {
                    bundle.set(type, NotebookJson.MAPPER.readTree(value));
                } catch (JsonProcessingException notJson) {
                    bundle.put(type, value);
                }
            } else if (NotebookJson.isLineSplit(type)) {
                bundle.set(type, NotebookJson.lines(value));
            } else {
                bundle.put(type, value);
            }
        });
        return bundle;
    }
}
