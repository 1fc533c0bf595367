package io.posmortem.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** posmortem's version, from the build ({@code posmortem.properties}); {@code unknown} when it is missing. */
public final class ProductVersion {
    private ProductVersion() {}

    /** The version written into every report, trace and run key. */
    public static final String VALUE = load();

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = ProductVersion.class.getResourceAsStream("/posmortem.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
