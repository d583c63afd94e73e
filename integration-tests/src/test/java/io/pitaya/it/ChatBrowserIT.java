package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two people in two headless Chromium pages join the demo chat and read each other's messages. */
@ExtendWith(ArquillianExtension.class)
class ChatBrowserIT {

    private final Browsers browsers = new Browsers();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.demoEar();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    private static void join(WebDriver page, String name) {
        page.get(Deployments.HTTP + "/chat/");
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.id("join")).click();
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "connected"));
    }

    private static void say(WebDriver page, String text) {
        page.findElement(By.id("message")).sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    private static void waitForMessage(WebDriver page, String text) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#messages li.message"))
                .stream().anyMatch(li -> li.getText().contains(text)));
    }

    @Test
    void twoPagesChat() throws Exception {
        WebDriver alice = browsers.open();
        WebDriver bob = browsers.open();
        join(alice, "alice");
        join(bob, "bob");

        say(alice, "hello bob");
        waitForMessage(bob, "alice: hello bob");
        waitForMessage(alice, "alice: hello bob");

        say(bob, "hi alice");
        waitForMessage(alice, "bob: hi alice");
        assertThat(alice.findElements(By.cssSelector("#messages li.message"))).hasSizeGreaterThanOrEqualTo(2);
    }
}
