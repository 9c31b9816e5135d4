package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathGlobTest {

    @TempDir
    Path root;
    Path notebooks;

    @BeforeEach
    void layout() throws Exception {
        notebooks = Files.createDirectories(root.resolve("notebooks"));
        Files.createDirectories(root.resolve("lib/classes"));
        for (String file : List.of("lib/a.jar", "lib/b.jar", "lib/notes.txt", "lib/classes/X.class", "c?.jar")) {
            Files.writeString(root.resolve(file), "x");
        }
    }

    @Test
    void starMatchesWithinASegmentAndRelativeGlobsStartAtTheNotebookFolder() throws Exception {
        assertEquals(List.of(root.resolve("lib/a.jar"), root.resolve("lib/b.jar")),
                ClasspathGlob.resolve(notebooks, "../lib/*.jar", ClasspathGlob.Match.FILES));
    }

    @Test
    void questionMarkMatchesOneCharacterAndBackslashEscapes() throws Exception {
        assertEquals(List.of(root.resolve("lib/a.jar"), root.resolve("lib/b.jar")),
                ClasspathGlob.resolve(root, "lib/?.jar", ClasspathGlob.Match.FILES));
        assertEquals(List.of(root.resolve("c?.jar")),
                ClasspathGlob.resolve(root, "c\\?.jar", ClasspathGlob.Match.FILES));
    }

    @Test
    void jarsTakesTheFilesOfAMatchedFolderClasspathTakesTheFolder() throws Exception {
        assertEquals(List.of(root.resolve("lib/classes/X.class")),
                ClasspathGlob.resolve(root, "lib/classes", ClasspathGlob.Match.FILES));
        assertEquals(List.of(root.resolve("lib/classes")),
                ClasspathGlob.resolve(root, "lib/classes", ClasspathGlob.Match.FILES_AND_FOLDERS));
    }

    @Test
    void aTrailingSlashMeansTheFilesInTheFolder() throws Exception {
        assertEquals(List.of(root.resolve("lib/a.jar"), root.resolve("lib/b.jar"), root.resolve("lib/notes.txt")),
                ClasspathGlob.resolve(root, "lib/", ClasspathGlob.Match.FILES_AND_FOLDERS));
    }

    @Test
    void absoluteGlobsAndMisses() throws Exception {
        assertEquals(List.of(root.resolve("lib/b.jar")),
                ClasspathGlob.resolve(notebooks, root + "/lib/b*", ClasspathGlob.Match.FILES));
        assertEquals(List.of(), ClasspathGlob.resolve(root, "lib/*.zip", ClasspathGlob.Match.FILES));
        assertEquals(List.of(), ClasspathGlob.resolve(root, "missing/x.jar", ClasspathGlob.Match.FILES));
    }
}
