package org.msde4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void logsPrintAtMostOneLinePerTenthAndAClosingLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), "embedding", 1000, false);
        for (int i = 0; i < 1000; i++) {
            p.advance(1);
        }
        p.done();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(11, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("embedding: 1/1000 (0%)"), lines[0]);
        assertTrue(lines[10].startsWith("embedding: 1000/1000 done in"), lines[10]);
        assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in logs");
    }

    @Test
    void terminalsGetABarRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), "training", 4, true);
        p.advance(4);
        p.done();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("\rtraining [##############################] 4/4"), s);
        String last = s.substring(s.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("training: 4/4 done in"), "the bar is cleared before the closing line: " + last);
    }
}
