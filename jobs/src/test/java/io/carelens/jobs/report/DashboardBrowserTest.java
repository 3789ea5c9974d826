package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the dashboard in a real browser (Debian's headless Chromium, installed by .ci/run; skipped only where
 * /usr/bin/chromium is absent): the page must render without script errors, draw every chart, and show the gold
 * tables' numbers after its scripts ran. Keeps a screenshot, target/report-screenshot.png, as a build artifact.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

    private static String dom;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (.ci/run installs it)");
        Path page = ReportFixture.dashboard();
        dom = chromium(page, "--virtual-time-budget=5000", "--dump-dom");
        Files.deleteIfExists(SCREENSHOT);
        chromium(page, "--virtual-time-budget=5000", "--hide-scrollbars",
                "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1400,2400");
    }

    /** Runs headless Chromium on the page with the flags that work offline here; returns standard output. */
    static String chromium(Path page, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("carelens-chromium-");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path stdout = Files.createTempFile("carelens-chromium-", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish within 180 s");
        }
        assertEquals(0, p.exitValue(), "Chromium exit code");
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String bodyAttribute(String name) {
        Matcher m = Pattern.compile("<body[^>]*\\b" + name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void rendersWithoutScriptErrorsAndDrawsEveryChart() {
        assertEquals("0", bodyAttribute("data-errors"), "the page script finished with no error");
        int canvases = count("<canvas ");
        assertTrue(canvases >= 7, canvases + " charts: overview, two utilization measures, two forest plots, ED, evaluation");
        assertEquals(Integer.toString(canvases), bodyAttribute("data-charts"));
        assertEquals(canvases, count("data-rendered=\"true\""), "every canvas drawn by Chart.js");
    }

    @Test
    void keyNumbersInTheRenderedPageEqualTheGoldTables() {
        PageCells cells = new PageCells(dom);
        Map<String, String> expected = new java.util.LinkedHashMap<>(ExpectedCells.measureRates());
        expected.putAll(ExpectedCells.utilizationRates());
        expected.forEach((key, text) -> {
            assertFalse(cells.texts(key).isEmpty(), "no cell " + key + " in the DOM");
            cells.texts(key).forEach(s -> assertEquals(text, s, key));
        });
        assertFalse(dom.contains("77.8%"), "a suppressed rate reached the DOM");
    }

    @Test
    void keepsAScreenshot() throws IOException {
        assertTrue(Files.size(SCREENSHOT) > 50_000, "a screenshot with content");
        byte[] head = Files.readAllBytes(SCREENSHOT);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    private static int count(String needle) {
        int n = 0;
        for (int i = dom.indexOf(needle); i >= 0; i = dom.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
