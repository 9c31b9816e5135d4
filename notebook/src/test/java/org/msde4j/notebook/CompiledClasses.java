package org.msde4j.notebook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles one-class sources for tests of {@code %classpath} and {@code %jars}. */
final class CompiledClasses {

    private CompiledClasses() {
    }

    /** Compiles {@code source} (class {@code name}) into the class folder {@code classes}. */
    static void write(Path classes, String name, String source) throws IOException {
        Path sources = Files.createTempDirectory("sources");
        Path file = sources.resolve(name.substring(name.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), file.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + name);
        }
    }

    /** Compiles {@code source} into a jar at {@code jar}. */
    static void jar(Path jar, String name, String source) throws IOException {
        Path classes = Files.createTempDirectory("classes");
        write(classes, name, source);
        Files.createDirectories(jar.getParent());
        String entry = name.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String folder : List.of(entry.substring(0, entry.lastIndexOf('/') + 1))) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
    }
}
