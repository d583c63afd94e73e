package io.pitaya.cluster.it;

import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat page as people use it, each on their own connector: two headless Chromium pages, one on each connector's
 * /chat/, join the room on the backend and read each other's messages.
 */
@ExtendWith(ClusterExtension.class)
class ChatBrowserIT {

    private static ClusterEnvironment cluster;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    private WebDriver browser() throws Exception {
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
        browsers.add(driver);
        return driver;
    }

    private static void join(WebDriver page, int httpPort, String name) {
        page.get("http://127.0.0.1:" + httpPort + "/chat/");
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.id("join")).click();
        new WebDriverWait(page, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "connected"));
    }

    private static void say(WebDriver page, String text) {
        page.findElement(By.id("message")).sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    private static void waitFor(WebDriver page, String selector, String text) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(selector))
                .stream().anyMatch(li -> li.getText().contains(text)));
    }

    @Test
    void twoPagesOnTwoConnectorsChat() throws Exception {
        WebDriver alice = browser();
        WebDriver bob = browser();
        join(alice, cluster.connector().httpPort(), "alice");
        waitFor(alice, "#messages li.notice", "Connected through " + ClusterEnvironment.CONNECTOR_ID);
        join(bob, cluster.connector2().httpPort(), "bob");
        waitFor(bob, "#messages li.notice", "Connected through " + ClusterEnvironment.CONNECTOR_2_ID);
        waitFor(alice, "#messages li.notice", "New user: ");

        say(alice, "hello bob");
        waitFor(bob, "#messages li.message", "alice: hello bob");
        waitFor(alice, "#messages li.message", "alice: hello bob");

        say(bob, "hi alice");
        waitFor(alice, "#messages li.message", "bob: hi alice");
    }
}
