package io.pitaya.it;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Chromium pages (Debian's {@code chromium} and {@code chromium-driver}; {@code -Dchromium.binary} and
 * {@code -Dchromedriver.binary} point elsewhere) for the browser tests; {@link #close} quits every page opened.
 */
final class Browsers implements AutoCloseable {

    private final List<WebDriver> open = new ArrayList<>();

    WebDriver open() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        open.add(driver);
        return driver;
    }

    @Override
    public void close() {
        open.forEach(WebDriver::quit);
        open.clear();
    }
}
