package org.msde4j.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "simple glob" of the IJava/JJava {@code %classpath} and {@code %jars} magics: {@code /}
 * separates segments on every OS, {@code *} matches any run of characters within one segment,
 * {@code ?} one character, {@code \*} and {@code \?} themselves, and a glob ending in {@code /}
 * stands for the files in the folders it matches. {@code %jars} takes files, and the files inside a
 * matched folder; {@code %classpath} takes files and folders (class folders) as they are.
 * Relative globs start at the notebook's folder, which is the kernel's working directory in
 * JupyterLab. Matches are absolute and sorted, so the class path is the same on every run.
 */
final class ClasspathGlob {

    /** What a glob adds: {@code %jars} adds files, {@code %classpath} files or folders. */
    enum Match { FILES, FILES_AND_FOLDERS }

    private ClasspathGlob() {
    }

    /** The paths {@code glob} matches, relative globs starting at {@code base}; empty if none. */
    static List<Path> resolve(Path base, String glob, Match match) throws IOException {
        boolean folderContents = glob.endsWith("/");
        List<Path> current = List.of(glob.startsWith("/") ? base.toAbsolutePath().getRoot() : base);
        for (String segment : glob.split("/")) {
            if (!segment.isEmpty()) {
                current = step(current, segment);
            }
        }
        List<Path> matches = new ArrayList<>();
        for (Path path : current) {
            if (Files.isDirectory(path) && (folderContents || match == Match.FILES)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(Files::isRegularFile).forEach(matches::add);
                }
            } else if (Files.isRegularFile(path) || Files.isDirectory(path)) {
                matches.add(path);
            }
        }
        return matches.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted().toList();
    }

    private static List<Path> step(List<Path> folders, String segment) throws IOException {
        List<Path> next = new ArrayList<>();
        if (!hasWildcard(segment)) {
            String name = segment.replace("\\*", "*").replace("\\?", "?");
            for (Path folder : folders) {
                Path child = folder.resolve(name);
                if (Files.exists(child)) {
                    next.add(child);
                }
            }
            return next;
        }
        Pattern pattern = pattern(segment);
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> children = Files.list(folder)) {
                    children.filter(child -> pattern.matcher(child.getFileName().toString()).matches())
                            .sorted()
                            .forEach(next::add);
                }
            }
        }
        return next;
    }

    private static boolean hasWildcard(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    private static Pattern pattern(String segment) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' && i + 1 < segment.length()) {
                regex.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
