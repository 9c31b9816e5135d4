package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookJsonTest {

    @Test
    void writesLikeJupyterSortedKeysOneSpaceIndentEmptyContainersAndFinalNewline() throws Exception {
        JsonNode node = NotebookJson.MAPPER.readTree(
                "{\"z\":1,\"a\":{\"y\":[],\"b\":{}},\"m\":[\"é\",2.5,null,true]}");

        String expected = """
                {
                 "a": {
                  "b": {},
                  "y": []
                 },
                 "m": [
                  "é",
                  2.5,
                  null,
                  true
                 ],
                 "z": 1
                }
                """;
        assertEquals(expected, NotebookJson.format(node));
    }

    @Test
    void multilineStringsAreLinesThatKeepTheirNewlines() {
        assertEquals("[\"a\\n\",\"\\n\",\"b\"]", NotebookJson.lines("a\n\nb").toString());
        assertEquals("[\"a\\n\"]", NotebookJson.lines("a\n").toString());
        assertEquals("[]", NotebookJson.lines("").toString());
        assertEquals(List.of("a\r\n", "b\r", "c\u2028", "d"),
                TestNotebooks.strings(NotebookJson.lines("a\r\nb\rc\u2028d")),
                "lines end where Python's str.splitlines ends them");
    }

    @Test
    void textJoinsArraysAndTakesStrings() throws Exception {
        assertEquals("a\nb", NotebookJson.text(NotebookJson.MAPPER.readTree("[\"a\\n\", \"b\"]")));
        assertEquals("a\nb", NotebookJson.text(NotebookJson.MAPPER.readTree("\"a\\nb\"")));
        assertEquals("x = 1\n", NotebookJson.text(NotebookJson.lines("x = 1\n")));
    }
}
