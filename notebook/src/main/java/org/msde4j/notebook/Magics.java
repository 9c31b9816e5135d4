package org.msde4j.notebook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The line magics that both IJava and JJava provide, with their meaning there:
 * <ul>
 *   <li>{@code %maven G:A[:EXT[:CLASSIFIER]]:V ...}: the artifacts and their compile and runtime
 *       dependencies ({@link MavenArtifacts});</li>
 *   <li>{@code %classpath GLOB ...}: jars and class folders ({@link ClasspathGlob});</li>
 *   <li>{@code %jars GLOB ...}: jar files, and the files of matched folders.</li>
 * </ul>
 * Each adds what it finds to the session's class path. Any other magic is refused with the list of
 * these, so a notebook that runs here uses nothing one of the two kernels lacks.
 */
final class Magics {

    private final Path folder;
    private final MavenArtifacts maven;
    private final Consumer<List<Path>> classPath;
    private final Set<Path> added = new LinkedHashSet<>();

    /**
     * @param folder    the notebook's folder, where relative globs start
     * @param classPath adds jars and folders to the session
     */
    Magics(Path folder, MavenArtifacts maven, Consumer<List<Path>> classPath) {
        this.folder = folder;
        this.maven = maven;
        this.classPath = classPath;
    }

    /** Runs {@code magic}, found in cell {@code cell}; returns its error, or {@code null} if it worked. */
    Output.Error run(CellSource.Magic magic, int cell) {
        String where = "cell " + cell + ", line " + magic.line();
        if (magic.cellMagic()) {
            return error("UndefinedMagicException", where, "the cell magic %%" + magic.name()
                    + " is not supported by the runner: use the line magics %maven, %classpath or %jars.");
        }
        try {
            switch (magic.name()) {
                case "maven" -> {
                    String example = "a coordinate such as info.picocli:picocli:4.7.7";
                    for (String coordinates : requireArguments(magic, example)) {
                        add(maven.resolve(coordinates));
                    }
                }
                case "classpath" -> addGlobs(requireArguments(magic, "a jar, a class folder or a glob"),
                        ClasspathGlob.Match.FILES_AND_FOLDERS);
                case "jars" -> addGlobs(requireArguments(magic, "a jar or a glob such as lib/*.jar"),
                        ClasspathGlob.Match.FILES);
                default -> {
                    return error("UndefinedMagicException", where, "%" + magic.name() + " is not a magic the "
                            + "runner knows: use %maven, %classpath or %jars, the magics IJava and JJava both have.");
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            return error("MagicException", where, "`" + magic.text() + "` failed: " + e.getMessage());
        }
        return null;
    }

    private static List<String> requireArguments(CellSource.Magic magic, String what) {
        if (magic.args().isEmpty()) {
            throw new IllegalArgumentException("%" + magic.name() + " needs " + what + ".");
        }
        return magic.args();
    }

    private void addGlobs(List<String> globs, ClasspathGlob.Match match) throws IOException {
        for (String glob : globs) {
            List<Path> paths = ClasspathGlob.resolve(folder, glob, match);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("`" + glob + "` matches nothing in " + folder.toAbsolutePath()
                        + " (relative paths start at the notebook's folder; use / between folders).");
            }
            add(paths);
        }
    }

    /** Adds the paths not added before, in one step (each step costs the compiler a class path update). */
    private void add(List<Path> paths) {
        List<Path> fresh = paths.stream().filter(added::add).toList();
        if (!fresh.isEmpty()) {
            classPath.accept(fresh);
        }
    }

    private static Output.Error error(String ename, String where, String message) {
        return new Output.Error(ename, message, List.of(where + ": " + message));
    }
}
