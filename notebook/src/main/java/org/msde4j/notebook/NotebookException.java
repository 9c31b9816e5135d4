package org.msde4j.notebook;

/**
 * A notebook that cannot be read, run or written. The message is meant for the user as it is: it
 * names the notebook (and the cell where there is one), says what was wrong and what to do.
 */
public final class NotebookException extends Exception {

    public NotebookException(String message) {
        super(message);
    }

    public NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
