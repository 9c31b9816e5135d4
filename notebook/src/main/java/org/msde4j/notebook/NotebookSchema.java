package org.msde4j.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON schema of nbformat 4.5 (draft-04), as published by the Jupyter project in its
 * {@code nbformat} package (file {@code nbformat.v4.5.schema.json}, BSD-3-Clause licence beside it in
 * the resources). Every notebook the runner reads is upgraded to 4.5 and checked against it, and so is
 * every notebook it writes.
 *
 * <p>Reference: Jupyter Development Team, "The Notebook file format",
 * https://nbformat.readthedocs.io/en/latest/format_description.html
 */
final class NotebookSchema {

    private static final JsonSchema SCHEMA = load();

    private NotebookSchema() {
    }

    /** The violations of the schema in {@code notebook}, as "JSON path: message", sorted; empty if valid. */
    static List<String> violations(JsonNode notebook) {
        return SCHEMA.validate(notebook).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .distinct()
                .toList();
    }

    private static JsonSchema load() {
        try (InputStream in = NotebookSchema.class.getResourceAsStream("nbformat.v4.5.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("nbformat.v4.5.schema.json is missing from the runner's jar");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
