package io.carelens.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Chart.js, read from its WebJar on the classpath (the version the build resolved, see the parent pom) so the
 * dashboard can inline it and open offline. The minified file keeps its MIT licence header.
 */
final class ChartLibrary {
    private static final String POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private ChartLibrary() {
    }

    static String version() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(resource(POM)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + POM + ": " + e.getMessage(), e);
        }
        return p.getProperty("version");
    }

    /** The minified UMD build without its source-map comment. */
    static String script() {
        String js = resource("/META-INF/resources/webjars/chart.js/" + version() + "/dist/chart.umd.min.js");
        return js.replaceAll("//# sourceMappingURL=\\S*\\s*$", "");
    }

    static String resource(String path) {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (is the chart.js WebJar on the "
                        + "classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
