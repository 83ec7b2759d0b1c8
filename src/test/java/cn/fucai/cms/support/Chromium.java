package cn.fucai.cms.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver, for the tests of the service's web pages: what the console
 * said (CSP violations included), screenshots under target/screenshots.
 */
public final class Chromium {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final ChromeDriver browser;

    private Chromium(ChromeDriver browser) {
        this.browser = browser;
    }

    /** A browser window of 1280 × 1800 CSS pixels that prefers Chinese. */
    public static Chromium start() {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertTrue(
                chromium.canExecute() && driver.canExecute(),
                "Debian's chromium and chromium-driver are needed: bash scripts/test.sh installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1800", "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // a page that asks before it is left (unsaved changes) is left, as a person who confirms would
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chromium(new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options));
    }

    public ChromeDriver driver() {
        return browser;
    }

    public void quit() {
        browser.quit();
    }

    /** Warnings and errors the console printed since the last call: script errors, CSP violations, failed loads. */
    public List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the window shows as target/screenshots/{name}.png. */
    public void screenshot(String name) {
        try {
            Files.copy(
                    browser.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    public Object script(String body, Object... arguments) {
        return browser.executeScript(body, arguments);
    }

    /**
     * Waits up to 20 s for {@code condition} to answer something other than null or false; an element that the page
     * replaced while the condition read it only means "not yet".
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }
}
