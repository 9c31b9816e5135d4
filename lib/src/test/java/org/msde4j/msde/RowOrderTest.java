package org.msde4j.msde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowOrderTest {

    /** The command line writes the orders in lower case with a hyphen; any case is read back. */
    @Test
    void ordersAreReadAsTheCommandLineWritesThem() {
        assertEquals("as-given", RowOrder.AS_GIVEN.key());
        assertEquals("shuffled", RowOrder.SHUFFLED.key());
        assertEquals(RowOrder.AS_GIVEN, RowOrder.named("as-given"));
        assertEquals(RowOrder.AS_GIVEN, RowOrder.named(" As-Given "));
        assertEquals(RowOrder.SHUFFLED, RowOrder.named("SHUFFLED"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowOrder.named("as_given"));
        assertTrue(e.getMessage().contains("\"as_given\"") && e.getMessage().contains("shuffled or as-given"), e.getMessage());
    }
}
