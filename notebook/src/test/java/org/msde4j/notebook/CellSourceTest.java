package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellSourceTest {

    @Test
    void cutsCodeAroundMagicLinesKeepingCellLineNumbers() throws Exception {
        CellSource cell = CellSource.parse("int a = 1;\n  %maven g:a:1 g:b:2\nint b = 2;\nb\n%jars lib/*.jar");

        assertEquals(List.of(
                new CellSource.Code("int a = 1;", 1),
                new CellSource.Magic("maven", List.of("g:a:1", "g:b:2"), 2, false),
                new CellSource.Code("int b = 2;\nb", 3),
                new CellSource.Magic("jars", List.of("lib/*.jar"), 5, false)), cell.steps());
    }

    @Test
    void aFirstLineWithTwoPercentSignsIsACellMagic() throws Exception {
        CellSource cell = CellSource.parse("\n%%loadFromPOM\n<dependency/>");

        assertEquals(List.of(new CellSource.Magic("loadFromPOM", List.of(), 2, true)), cell.steps());
    }

    @Test
    void argumentsSplitOnBlanksWithQuotesAndEscapes() {
        assertEquals(List.of("a", "b c", "d\"e", "", "f g"),
                CellSource.arguments("  a \"b c\"  d\\\"e \"\" f\\ g "));
    }

    @Test
    void percentSignsInCodeAndStringsAreNotMagics() throws Exception {
        CellSource cell = CellSource.parse("int r = 7 % 3;\nString f = String.format(\"%d\", r);\nString g = \"= %jars\";");

        assertEquals(1, cell.steps().size());
        assertTrue(cell.steps().get(0) instanceof CellSource.Code);
    }

    @Test
    void aMagicUsedAsAValueIsRefusedWithItsLine() {
        CellSource.MisplacedMagic e = assertThrows(CellSource.MisplacedMagic.class,
                () -> CellSource.parse("int a = 1;\nList<String> jars = %jars lib/*.jar"));

        assertEquals(2, e.line);
        assertTrue(e.getMessage().contains("on a line of its own"), e.getMessage());
    }
}
