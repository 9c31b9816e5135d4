package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aFieldIsQuotedOnlyWhenItHoldsACommaAQuoteOrALineBreak() {
        assertEquals("scan-3.png", Csv.field("scan-3.png"));
        assertEquals("", Csv.field(""));
        assertEquals("\"scan 3, left.png\"", Csv.field("scan 3, left.png"));
        assertEquals("\"the \"\"left\"\" scan\"", Csv.field("the \"left\" scan"));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"a\rb\"", Csv.field("a\rb"));
    }
}
