package org.msde4j.notebook.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RendererTest {

    @Test
    void aStringIsPlainTextUnlessAskedForAnotherTextType() {
        assertEquals(Map.of("text/plain", "<b>x</b>"), Renderer.render("<b>x</b>").data());
        assertEquals(Map.of("text/html", "<b>x</b>", "text/markdown", "<b>x</b>", "text/plain", "<b>x</b>"),
                Renderer.renderAs("<b>x</b>", "text/html", "text/markdown").data());
    }

    @Test
    void typesAnObjectCannotBeRenderedAsAreLeftOut() {
        assertEquals(Map.of("text/plain", "42"), Renderer.renderAs(42, "text/html", "image/png").data());
        assertEquals(List.of("text/plain"), List.copyOf(Renderer.renderAs("s", "image/png").data().keySet()));
    }

    @Test
    void anImageIsAPngWhosePixelsSurviveTheRoundTrip() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, 0x12ab34);

        Map<String, String> data = Renderer.render(image).data();

        assertEquals("BufferedImage 3x2", data.get("text/plain"));
        byte[] png = Base64.getDecoder().decode(data.get("image/png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(3, back.getWidth());
        assertEquals(0x12ab34, back.getRGB(2, 1) & 0xffffff);
    }

    @Test
    void renderedDataStaysAsItIs() {
        DisplayData data = Renderer.renderAs("**m**", "text/markdown");
        assertSame(data, Renderer.render(data));
    }
}
