package org.msde4j.notebook.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rendered object: its representations keyed by MIME type ({@code text/plain}, {@code text/html},
 * {@code image/png} as base64, ...), the {@code data} field of a Jupyter {@code display_data} or
 * {@code execute_result} output. Returned by {@code render(...)}; a cell whose last expression is a
 * {@code DisplayData} shows exactly these representations.
 */
public final class DisplayData {

    private final Map<String, String> data;

    DisplayData(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The representations in the order they were rendered; {@code text/plain} is always present. */
    public Map<String, String> data() {
        return data;
    }

    @Override
    public String toString() {
        return data.getOrDefault(MimeTypes.TEXT_PLAIN, "");
    }
}
