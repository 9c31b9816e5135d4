package org.msde4j.notebook.runtime;

/** The MIME types the renderer knows, as the Jupyter front ends name them. */
final class MimeTypes {

    static final String TEXT_PLAIN = "text/plain";
    static final String TEXT_HTML = "text/html";
    static final String TEXT_MARKDOWN = "text/markdown";
    static final String TEXT_LATEX = "text/latex";
    static final String TEXT_CSS = "text/css";
    static final String JAVASCRIPT = "application/javascript";
    static final String JSON = "application/json";
    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String GIF = "image/gif";

    private MimeTypes() {
    }
}
