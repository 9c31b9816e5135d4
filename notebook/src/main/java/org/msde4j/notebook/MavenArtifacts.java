package org.msde4j.notebook;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves the {@code %maven} magic: an artifact and its compile and runtime dependencies, as jar
 * paths, with Maven Resolver (the library Maven itself uses, as JJava does). The local repository is
 * tried first, without network; only what is missing there is downloaded from the remote repository
 * (Maven Central) into it, unless the resolver is offline. So a notebook whose artifacts are already
 * in {@code ~/.m2} (for msde4j: after {@code mvn install}) runs without network.
 *
 * <p>In-process resolution was chosen over running {@code mvn dependency:build-classpath}: it needs
 * no {@code mvn} on the path, no Maven plugins in the local repository (offline runs would fail on a
 * missing plugin) and no second JVM per magic, and its errors name the missing artifact directly.
 * It does not read {@code ~/.m2/settings.xml}: mirrors and proxies there are not used; the local
 * repository is {@code -Dmaven.repo.local} or {@code ~/.m2/repository}.
 */
final class MavenArtifacts implements AutoCloseable {

    /** Maven Central, under the id Maven gives it, so artifacts it downloaded count as available. */
    static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    private static final String SCOPE = "runtime";
    /** A repository that does not answer fails the magic in seconds, not after Maven's 30 minutes. */
    private static final int CONNECT_TIMEOUT_MILLIS = 20_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 120_000;
    /**
     * The local repository layout that takes a file that is there as present. Maven's default layout
     * also records which repository each file came from and ignores files from a repository not
     * asked for: a jar that came through a mirror of Maven Central would count as missing offline.
     */
    private static final String SIMPLE = "simple";

    private final Path localRepository;
    private final RemoteRepository remote;
    private final boolean offline;
    private final Consumer<String> log;
    private RepositorySystem system;

    MavenArtifacts(Path localRepository, URI remote, boolean offline, Consumer<String> log) {
        this.localRepository = localRepository;
        this.remote = new RemoteRepository.Builder("central", "default", remote.toString()).build();
        this.offline = offline;
        this.log = log;
    }

    /** The local repository Maven uses: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The jars of {@code coordinates} ({@code groupId:artifactId[:extension[:classifier]]:version})
     * and of its dependencies, the artifact first.
     *
     * @throws IllegalArgumentException with a message for the user when it cannot be resolved
     */
    List<Path> resolve(String coordinates) {
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`" + coordinates + "` is not a Maven coordinate: write "
                    + "groupId:artifactId[:extension[:classifier]]:version, e.g. info.picocli:picocli:4.7.7.");
        }
        try {
            return resolve(artifact, true);
        } catch (DependencyResolutionException missingLocally) {
            if (offline) {
                throw new IllegalArgumentException(coordinates + " (or a dependency of it) is not in the local "
                        + "repository " + localRepository + " and the runner is offline: " + reason(missingLocally)
                        + " Install it (`mvn install` for this project's artifacts, `mvn dependency:get "
                        + "-Dartifact=" + coordinates + "` for others) or run without --offline.");
            }
        }
        log.accept("downloading " + coordinates + " and its dependencies from " + remote.getUrl());
        try {
            return resolve(artifact, false);
        } catch (DependencyResolutionException e) {
            throw new IllegalArgumentException("cannot resolve " + coordinates + " from " + localRepository
                    + " or " + remote.getUrl() + ": " + reason(e) + " Check the coordinates (and the network).");
        }
    }

    private List<Path> resolve(Artifact artifact, boolean localOnly) throws DependencyResolutionException {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositories(new LocalRepository(localRepository, SIMPLE))
                .setSystemProperties(System.getProperties())
                .setOffline(localOnly)
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MILLIS)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, REQUEST_TIMEOUT_MILLIS)
                .build()) {
            CollectRequest collect = new CollectRequest(new Dependency(artifact, SCOPE), List.of(remote));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(SCOPE));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(Artifact::getPath)
                    .toList();
        }
    }

    /** Which artifacts could not be resolved, and the innermost message, which says why. */
    private static String reason(Exception e) {
        Set<String> missing = new LinkedHashSet<>();
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArtifactResolutionException failed) {
                failed.getResults().stream()
                        .filter(result -> !result.isResolved())
                        .forEach(result -> missing.add(result.getRequest().getArtifact().toString()));
            }
            innermost = t;
        }
        String message = innermost.getMessage() == null ? innermost.toString() : innermost.getMessage();
        return (missing.isEmpty() ? "" : "missing " + String.join(", ", missing) + ": ")
                + (message.endsWith(".") ? message : message + ".");
    }

    @Override
    public void close() {
        if (system != null) {
            system.shutdown();
        }
    }
}
