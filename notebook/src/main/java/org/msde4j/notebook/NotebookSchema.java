package org.msde4j.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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

    private static final Schema SCHEMA = load();

    private NotebookSchema() {
    }

    /** The violations of the schema in {@code notebook}, as "JSON path: message", sorted; empty if valid. */
    static List<String> violations(JsonNode notebook) {
        return SCHEMA.validate(notebook).stream()
                .sorted(Comparator.comparing((Error m) -> m.getInstanceLocation().toString())
                        .thenComparing(Error::getMessage))
                .map(m -> m.getInstanceLocation() + ": " + m.getMessage())
                .distinct()
                .toList();
    }

    private static Schema load() {
        try (InputStream in = NotebookSchema.class.getResourceAsStream("nbformat.v4.5.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("nbformat.v4.5.schema.json is missing from the runner's jar");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
