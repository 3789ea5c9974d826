package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the dashboard in a real browser (Debian's headless Chromium through its chromedriver, installed by .ci/run;
 * skipped only where /usr/bin/chromedriver is absent) and uses it as an evaluator would: selects a measure, a
 * dimension and a period, and checks that the numbers shown equal the gold rows of that selection, that no script
 * error occurred, and that the page's URL (its fragment) opens the same view. Keeps screenshots of the views in
 * target/ as build artifacts.
 */
class DashboardBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static ChromeDriver browser;

    @BeforeAll
    static void open() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver is not installed (.ci/run installs it)");
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void load(String url) {
        browser.get("about:blank");
        browser.get(url);
        waitUntilRendered();
    }

    private static void waitUntilRendered() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElement(By.tagName("body"))
                .getAttribute("data-errors") != null);
    }

    private static void select(String control, String value) {
        new Select(browser.findElement(By.id(control))).selectByValue(value);
        waitUntilRendered();
    }

    private static long scriptErrors() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return window.carelensErrors.length;");
    }

    /** The keyed cells of the visible view: data-key to text. */
    private static Map<String, String> cells(String view) {
        Map<String, String> out = new TreeMap<>();
        for (WebElement td : browser.findElements(By.cssSelector("#view-" + view + " td[data-key]"))) {
            out.put(td.getAttribute("data-key"), td.getText().trim());
        }
        return out;
    }

    private static void screenshot(String name) throws IOException {
        Path file = Path.of("target", "dashboard-" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 20_000, "a screenshot with content: " + file);
    }

    @Test
    void aSelectionShowsTheGoldRowsOfThatSelectionAndItsLinkOpensTheSameView() throws IOException {
        load(ReportFixture.dashboard().toUri().toString());
        assertEquals("glance", browser.findElement(By.tagName("body")).getAttribute("data-view"));
        screenshot("glance");
        browser.findElement(By.cssSelector("nav a[data-view='trends']")).click();
        waitUntilRendered();
        select("ctl-measure", "CMS122");
        select("ctl-dimension", "race");
        select("ctl-period", "2025-01-01");
        assertEquals("trends", browser.findElement(By.tagName("body")).getAttribute("data-view"));
        Map<String, String> shown = cells("trends");

        String prefix = "rate|CMS122|2025-01-01|race|";
        Map<String, String> expected = new TreeMap<>();
        ExpectedCells.measureRates().forEach((key, text) -> {
            if (key.startsWith(prefix) && !"suppressed".equals(text)) {
                expected.put(key, text);
            }
        });
        assertEquals(9, expected.size(), "three unsuppressed race groups: eligible, met and rate of each");
        expected.forEach((key, text) -> assertEquals(text, shown.get(key), key));
        assertEquals("worse", shown.get(prefix + "black_or_african_american|verdict"));
        assertFalse(shown.containsKey(prefix + "asian|rate"), "a suppressed group has no row of numbers");
        String withheld = shown.get("withheld|CMS122|2025-01-01|race");
        assertTrue(withheld.startsWith("1 group withheld") && withheld.endsWith("Asian"), withheld);
        assertEquals(0, scriptErrors(), "no script error");
        assertEquals("0", browser.findElement(By.tagName("body")).getAttribute("data-errors"));
        assertTrue(Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-charts")) >= 1);
        screenshot("trends");

        String url = browser.getCurrentUrl();
        assertTrue(url.contains("#view=trends&measure=CMS122&period=2025-01-01"), url);
        load(url);
        assertEquals(shown, cells("trends"), "the link opens the same view");
        assertEquals("race", new Select(browser.findElement(By.id("ctl-dimension"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals(0, scriptErrors());
    }

    @Test
    void theGlanceListsEveryMeasureAndTheWatchListLeadsToTheDetail() throws IOException {
        load(ReportFixture.dashboard().toUri() + "#view=glance&period=2025-01-01");
        Map<String, String> shown = cells("glance");
        assertEquals("22.2%", shown.get("glance|CMS122|2025-01-01|rate"), shown.toString());
        List<WebElement> watch = browser.findElements(By.cssSelector("#watch-list li a"));
        assertFalse(watch.isEmpty(), "the fixture has a group called worse");
        assertTrue(watch.get(0).getText().contains("Black or african american"), watch.get(0).getText());
        watch.get(0).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitUntilRendered();
        assertEquals("trends", browser.findElement(By.tagName("body")).getAttribute("data-view"));
        assertEquals(0, scriptErrors());

        browser.findElement(By.cssSelector("nav a[data-view='evaluation']")).click();
        waitUntilRendered();
        assertEquals("evaluation", browser.findElement(By.tagName("body")).getAttribute("data-view"));
        assertTrue(cells("evaluation").containsValue("-33.4"), cells("evaluation").toString());
        assertEquals(0, scriptErrors());
        screenshot("evaluation");
    }
}
