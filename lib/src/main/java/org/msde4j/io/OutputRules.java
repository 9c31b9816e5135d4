package org.msde4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a run may do to its output folder, and what the folder must keep clear of. msde4j never
 * deletes or overwrites a file it did not write; these rules refuse, before any work is done, an
 * output folder that
 * <ul>
 *   <li>is, or contains, the home folder or the msde4j checkout ({@code -Dmsde4j.checkout} or
 *       {@code MSDE4J_CHECKOUT}, set by the {@code ./jbang} wrapper), or lies inside a {@code .git}
 *       folder;</li>
 *   <li>is, contains, or lies inside one of the run's inputs (image folders, data files, the model
 *       file, a backbone folder): writing there could replace the data the run reads;</li>
 *   <li>is, or contains, a folder that holds input images (it may lie inside one: a new sub-folder
 *       replaces nothing).</li>
 * </ul>
 * An existing folder is replaced only when {@code overwrite} is set and it holds an earlier msde4j
 * run, and then only msde4j's own files ({@link RunFolder}).
 *
 * @param overwrite may replace the files of an earlier msde4j run in the same folder
 * @param inputs       files and folders the run reads
 * @param imageFolders folders that hold image files the run reads
 */
public record OutputRules(boolean overwrite, List<Path> inputs, List<Path> imageFolders) {

    /** A new folder only, no inputs declared. */
    public static final OutputRules NEW_FOLDER = new OutputRules(false, List.of(), List.of());

    public OutputRules {
        inputs = List.copyOf(inputs);
        imageFolders = List.copyOf(imageFolders);
    }

    /** Rules with inputs and no image folders. */
    public OutputRules(boolean overwrite, List<Path> inputs) {
        this(overwrite, inputs, List.of());
    }

    /** These rules, also keeping clear of the inputs {@code more}. */
    public OutputRules withInputs(Collection<Path> more) {
        List<Path> all = new ArrayList<>(inputs);
        all.addAll(more);
        return new OutputRules(overwrite, all, imageFolders);
    }

    /** These rules, also keeping clear of {@code folders} holding input images. */
    public OutputRules withImageFolders(Collection<Path> folders) {
        List<Path> all = new ArrayList<>(imageFolders);
        all.addAll(folders);
        return new OutputRules(overwrite, inputs, all);
    }

    /** These rules with overwriting allowed or not. */
    public OutputRules withOverwrite(boolean value) {
        return new OutputRules(value, inputs, imageFolders);
    }

    /** The msde4j checkout named by {@code -Dmsde4j.checkout} or {@code MSDE4J_CHECKOUT}, if any. */
    static Path checkout() {
        String configured = System.getProperty("msde4j.checkout", System.getenv("MSDE4J_CHECKOUT"));
        return configured == null || configured.isBlank() ? null : Path.of(configured);
    }

    /**
     * Refuses {@code target} (as the user named it, {@code canonical} with links resolved) when it
     * overlaps a protected folder or an input; the message says which and what to do.
     */
    void check(Path target, Path canonical) throws IOException {
        Path home = canonical(Path.of(System.getProperty("user.home")));
        if (home.startsWith(canonical)) {
            throw refused(target, canonical.equals(home) ? "is your home folder" : "contains your home folder " + home);
        }
        Path checkout = checkout();
        if (checkout != null && canonical(checkout).startsWith(canonical)) {
            throw refused(target, canonical.equals(canonical(checkout)) ? "is the msde4j checkout"
                    : "contains the msde4j checkout " + checkout);
        }
        for (Path part : canonical) {
            if (part.toString().equals(".git")) {
                throw refused(target, "lies inside a .git folder");
            }
        }
        for (Path input : inputs) {
            Path in = canonical(input);
            if (in.equals(canonical)) {
                throw refused(target, "is an input of this run (" + input + ")");
            }
            if (in.startsWith(canonical)) {
                throw refused(target, "contains an input of this run (" + input + ")");
            }
            if (Files.isDirectory(in) && canonical.startsWith(in)) {
                throw refused(target, "lies inside the input folder " + input);
            }
        }
        for (Path folder : imageFolders) {
            if (canonical(folder).startsWith(canonical)) {
                throw refused(target, (canonical(folder).equals(canonical) ? "is" : "contains")
                        + " the folder of input images " + folder);
            }
        }
    }

    private static IOException refused(Path target, String why) {
        return new IOException("output folder " + target + " " + why + ": msde4j writes only into a new folder or an "
                + "earlier msde4j run folder, never where it could replace your files or its inputs. Choose another --out.");
    }

    /**
     * {@code p} absolute, with {@code .} and {@code ..} removed and symbolic links resolved as far as the
     * path exists, so that two names of one folder compare equal.
     */
    static Path canonical(Path p) throws IOException {
        Path absolute = p.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    }
}
