package org.msde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven} resolution against a Maven repository served on 127.0.0.1 by the test: an artifact
 * {@code org.example:greeting:1.0} that depends on {@code org.example:base:2.0}.
 */
class MavenArtifactsTest {

    @TempDir
    Path local;

    private HttpServer server;
    private URI remote;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serveRepository() throws Exception {
        publish("org/example/base/2.0/base-2.0", pom("base", "2.0", ""));
        publish("org/example/greeting/1.0/greeting-1.0", pom("greeting", "1.0", """
                <dependencies><dependency>
                  <groupId>org.example</groupId><artifactId>base</artifactId><version>2.0</version>
                </dependency></dependencies>"""));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            requests.add(exchange.getRequestMethod() + " " + path);
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null && !exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        remote = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsWhatTheLocalRepositoryLacksThenWorksOffline() {
        List<Path> online;
        try (MavenArtifacts maven = new MavenArtifacts(local, remote, false, message -> { })) {
            online = maven.resolve("org.example:greeting:1.0");
        }
        assertEquals(List.of(local.resolve("org/example/greeting/1.0/greeting-1.0.jar"),
                local.resolve("org/example/base/2.0/base-2.0.jar")), online);
        assertTrue(requests.contains("GET org/example/base/2.0/base-2.0.jar"), requests.toString());

        requests.clear();
        try (MavenArtifacts maven = new MavenArtifacts(local, remote, true, message -> { })) {
            assertEquals(online, maven.resolve("org.example:greeting:1.0"));
        }
        try (MavenArtifacts maven = new MavenArtifacts(local, remote, false, message -> { })) {
            assertEquals(online, maven.resolve("org.example:greeting:1.0"));
        }
        assertEquals(List.of(), requests, "artifacts in the local repository are not fetched again");
    }

    @Test
    void filesThatCameThroughAnotherRepositoryCountAsPresentOffline() throws Exception {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = local.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            String name = target.getFileName().toString();
            if (!name.endsWith(".sha1")) {
                Files.writeString(target.resolveSibling("_remote.repositories"), name + ">a-mirror=\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }

        try (MavenArtifacts maven = new MavenArtifacts(local, remote, true, message -> { })) {
            assertEquals(List.of(local.resolve("org/example/greeting/1.0/greeting-1.0.jar"),
                    local.resolve("org/example/base/2.0/base-2.0.jar")), maven.resolve("org.example:greeting:1.0"));
        }
        assertEquals(List.of(), requests);
    }

    @Test
    void offlineWithAnEmptyLocalRepositoryNamesWhatIsMissingAndWhatToDo() {
        try (MavenArtifacts maven = new MavenArtifacts(local, remote, true, message -> { })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> maven.resolve("org.example:greeting:1.0"));
            assertTrue(e.getMessage().contains("org.example:greeting:1.0"), e.getMessage());
            assertTrue(e.getMessage().contains("offline"), e.getMessage());
            assertTrue(e.getMessage().contains("mvn dependency:get -Dartifact=org.example:greeting:1.0"), e.getMessage());
        }
        assertEquals(List.of(), requests);
    }

    @Test
    void anArtifactTheRemoteLacksIsReportedWithItsName() {
        try (MavenArtifacts maven = new MavenArtifacts(local, remote, false, message -> { })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> maven.resolve("org.example:absent:3.1"));
            assertTrue(e.getMessage().contains("missing org.example:absent"), e.getMessage());
            assertTrue(e.getMessage().contains(remote.toString()), e.getMessage());
        }
    }

    private void publish(String base, String pom) throws IOException {
        put(base + ".pom", pom.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar).close();
        put(base + ".jar", jar.toByteArray());
    }

    private void put(String path, byte[] content) {
        files.put(path, content);
        try {
            files.put(path + ".sha1", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content))
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pom(String artifact, String version, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>%s</artifactId><version>%s</version>
                  %s
                </project>""".formatted(artifact, version, dependencies);
    }
}
