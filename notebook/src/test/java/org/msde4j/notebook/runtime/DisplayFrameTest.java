package org.msde4j.notebook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayFrameTest {

    @Test
    void framesSurviveBeingCutIntoArbitraryPieces() {
        Map<String, String> big = new LinkedHashMap<>();
        big.put("text/plain", "naïve ✓");
        big.put("image/png", "A".repeat(100_000));
        List<DisplayFrame> sent = List.of(
                new DisplayFrame(DisplayFrame.Kind.DISPLAY, "id-1", big),
                new DisplayFrame(DisplayFrame.Kind.RESULT, null, Map.of("text/plain", "42")),
                new DisplayFrame(DisplayFrame.Kind.UPDATE, "id-1", Map.of("text/html", "<i>x</i>")));
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        sent.forEach(frame -> stream.writeBytes(frame.encode()));
        byte[] bytes = stream.toByteArray();

        DisplayFrame.Reader reader = new DisplayFrame.Reader();
        List<DisplayFrame> received = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int position = 0; position < bytes.length; ) {
            int piece = Math.min(bytes.length - position, 1 + random.nextInt(5000));
            received.addAll(reader.accept(bytes, position, piece));
            position += piece;
        }

        assertEquals(sent, received);
        assertEquals(List.of("text/plain", "image/png"), List.copyOf(received.get(0).data().keySet()));
    }
}
