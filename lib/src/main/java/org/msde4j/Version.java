package org.msde4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as built by Maven. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
