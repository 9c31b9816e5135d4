package org.msde4j.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What msde4j knows about one dataset: what it shows, where it comes from and under which terms,
 * how its files are laid out, and how many images each split should hold. One JSON file per
 * dataset in {@code data-manifest/datasets/}, checked against {@code manifest.schema.json} beside them.
 *
 * <p>Facts that could not be checked when the manifest was written (URLs, sizes, checksums, counts
 * copied from a paper) carry {@code "verified": false}; a checksum is never guessed, it is absent.
 *
 * @param id            short name, also the dataset's folder under the data root
 * @param title         full name
 * @param modality      imaging modality
 * @param normal        what counts as normal (label 0)
 * @param abnormal      what counts as abnormal (label 1)
 * @param citations     works to cite when reporting results
 * @param licence       terms of use
 * @param access        who may get the data, and how
 * @param sources       ways to get the files, preferred first
 * @param layout        the arrangement of the files once in place
 * @param splits        the split protocol and the expected counts
 * @param preprocessing what the paper (or msde4j) does to the images before the backbone
 * @param notes         anything else a user should know
 */
public record Manifest(String id, String title, String modality, String normal, String abnormal, List<String> citations,
                       Licence licence, Access access, List<Source> sources, Layout layout, Splits splits,
                       Preprocessing preprocessing, List<String> notes) {

    /** Checks the parts every later step relies on. */
    public Manifest {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("manifest id \"" + id + "\" must be lower-case letters, digits and '-'.");
        }
        if (sources == null || sources.isEmpty() || layout == null || splits == null) {
            throw new IllegalArgumentException("manifest " + id + " needs sources, a layout and splits.");
        }
        citations = citations == null ? List.of() : List.copyOf(citations);
        sources = List.copyOf(sources);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Terms of use.
     *
     * @param name     e.g. CC BY 4.0, or the challenge's data-use agreement
     * @param url      where the terms are written
     * @param verified whether the terms were checked against their source
     */
    public record Licence(String name, String url, boolean verified) {
    }

    /**
     * Who may get the data.
     *
     * @param kind       open download, registration, credentialed access or on request
     * @param conditions the conditions in words
     */
    public record Access(AccessKind kind, String conditions) {
    }

    /** How restricted a source is. */
    public enum AccessKind {
        @JsonProperty("open") OPEN,
        @JsonProperty("registration") REGISTRATION,
        @JsonProperty("credentialed") CREDENTIALED,
        @JsonProperty("request") ON_REQUEST,
        @JsonProperty("generated") GENERATED
    }

    /**
     * One way to get the files.
     *
     * @param name     e.g. "MedIAnomaly bundle (Zenodo record 12677223)"
     * @param kind     download (msde4j fetches {@code files}), manual (a person follows {@code steps}),
     *                 or generated (msde4j makes the data itself)
     * @param homepage the page that describes the source
     * @param files    the files to download, in order
     * @param root     the folder, inside what the files unpack to, that holds the layout ({@code .} when null)
     * @param steps    what a person does, for manual sources; hints for the others
     * @param generator the settings of a generated source (its counts are the manifest's counts)
     * @param verified whether the URLs were checked
     * @param note     caveats
     */
    public record Source(String name, SourceKind kind, String homepage, List<RemoteFile> files, String root,
                         List<String> steps, Generator generator, boolean verified, String note) {

        /** Fills in empty lists and the root. */
        public Source {
            files = files == null ? List.of() : List.copyOf(files);
            steps = steps == null ? List.of() : List.copyOf(steps);
            root = root == null ? "." : root;
            if (kind == SourceKind.DOWNLOAD && files.isEmpty()) {
                throw new IllegalArgumentException("download source \"" + name + "\" lists no files.");
            }
            if (kind == SourceKind.GENERATED && generator == null) {
                throw new IllegalArgumentException("generated source \"" + name + "\" has no generator settings.");
            }
        }
    }

    /**
     * Settings of the synthetic brain MRI generator; the image counts are the manifest's split counts.
     *
     * @param size       image side in pixels
     * @param difficulty EASY, MEDIUM or HARD
     * @param seed       the generator's seed
     */
    public record Generator(int size, org.msde4j.data.synthetic.Difficulty difficulty, long seed) {
    }

    /** How msde4j gets a source. */
    public enum SourceKind {
        @JsonProperty("download") DOWNLOAD,
        @JsonProperty("manual") MANUAL,
        @JsonProperty("generated") GENERATED
    }

    /**
     * A file to download.
     *
     * @param url       where it is served
     * @param file      the local name
     * @param sizeBytes its size, when known
     * @param sha256    its SHA-256, when known (never guessed)
     * @param format    how to unpack it
     * @param verified  whether URL, size and checksum were checked
     */
    public record RemoteFile(String url, String file, Long sizeBytes, String sha256, Format format, boolean verified) {

        /** Checks the name and checksum shape. */
        public RemoteFile {
            if (url == null || file == null || file.contains("/") || file.contains("\\")) {
                throw new IllegalArgumentException("a remote file needs a url and a plain local file name, got "
                        + url + " → " + file + ".");
            }
            if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("sha256 of " + file + " must be 64 hex digits, got " + sha256 + ".");
            }
            format = format == null ? Format.FILE : format;
        }
    }

    /** How a downloaded file is unpacked. */
    public enum Format {
        @JsonProperty("tar.gz") TAR_GZ,
        @JsonProperty("zip") ZIP,
        @JsonProperty("file") FILE
    }

    /**
     * The split protocol.
     *
     * @param protocol in words: which images are training normals, which are tested
     * @param counts   images per split and label
     * @param verified whether the counts were checked on the data
     * @param note     where the counts come from
     */
    public record Splits(String protocol, SplitCounts counts, boolean verified, String note) {
    }

    /**
     * Recommended preprocessing.
     *
     * @param size          side in pixels the images are resized to
     * @param channels      how grey images become the backbone's input
     * @param normalisation the intensity normalisation
     * @param note          anything dataset-specific
     */
    public record Preprocessing(Integer size, String channels, String normalisation, String note) {
    }

    /** The first source msde4j can get by itself (download or generate), if any. */
    public Optional<Source> automaticSource() {
        return sources.stream().filter(s -> s.kind() != SourceKind.MANUAL).findFirst();
    }

    /**
     * Reads a manifest; unknown fields are errors so that typos do not go unnoticed.
     *
     * @param in   the JSON
     * @param from the file name, for messages
     */
    public static Manifest read(InputStream in, String from) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(in, Manifest.class);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IOException("manifest " + from + " is invalid at " + e.getPathReference() + ": " + message
                    + " — fix it so that it matches data-manifest/datasets/manifest.schema.json.", e);
        } catch (JsonProcessingException e) {
            throw new IOException("manifest " + from + " is not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + ").", e);
        }
    }
}
