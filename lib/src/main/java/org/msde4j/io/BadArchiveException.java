package org.msde4j.io;

import java.io.IOException;

/**
 * The bytes of an archive are at fault: an unknown format, a corrupt or truncated archive, or an
 * entry that must not be extracted. Unlike an error writing the extracted files (a full disk), this
 * one does not go away by trying again with the same file.
 */
public final class BadArchiveException extends IOException {

    BadArchiveException(String message) {
        super(message);
    }

    BadArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
