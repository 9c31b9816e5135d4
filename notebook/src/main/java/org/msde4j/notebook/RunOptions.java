package org.msde4j.notebook;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How notebooks are run.
 *
 * @param cellTimeout     longest time one code cell may run; {@link Duration#ZERO} for no limit
 * @param allowErrors     record a failing cell's error in the notebook and go on with the next cell
 *                        (instead of stopping and writing nothing)
 * @param vmOptions       options for the notebook's JVM, e.g. {@code -Xmx4g}, {@code -Dai.djl.offline=true}
 * @param offline         resolve {@code %maven} from the local repository only
 * @param localRepository the local Maven repository ({@code ~/.m2/repository})
 * @param remoteRepository where {@code %maven} downloads what the local repository lacks (Maven Central)
 */
public record RunOptions(Duration cellTimeout, boolean allowErrors, List<String> vmOptions, boolean offline,
                         Path localRepository, URI remoteRepository) {

    public RunOptions {
        if (cellTimeout == null || cellTimeout.isNegative()) {
            throw new IllegalArgumentException("cellTimeout must be zero (no limit) or positive, not " + cellTimeout);
        }
        vmOptions = List.copyOf(vmOptions);
    }

    /** Ten minutes per cell, stop at the first error, Maven's local repository, then Maven Central. */
    public static RunOptions defaults() {
        return new RunOptions(Duration.ofMinutes(10), false, List.of(), false,
                MavenArtifacts.defaultLocalRepository(), MavenArtifacts.CENTRAL);
    }

    public RunOptions withCellTimeout(Duration timeout) {
        return new RunOptions(timeout, allowErrors, vmOptions, offline, localRepository, remoteRepository);
    }

    public RunOptions withAllowErrors(boolean allow) {
        return new RunOptions(cellTimeout, allow, vmOptions, offline, localRepository, remoteRepository);
    }

    public RunOptions withVmOptions(List<String> options) {
        return new RunOptions(cellTimeout, allowErrors, options, offline, localRepository, remoteRepository);
    }

    public RunOptions withOffline(boolean localOnly) {
        return new RunOptions(cellTimeout, allowErrors, vmOptions, localOnly, localRepository, remoteRepository);
    }
}
