package dev.shopfleet.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.testkit.SmtpServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The same journey clicked through the real web UI in headless Chromium (Debian's chromium and chromedriver). */
class BrowserJourneyTest {
    private static LocalShop shop;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("headless Chromium is required: apt-get install chromium chromium-driver "
                    + "(e2e/cluster/install-prerequisites does)");
        }
        shop = LocalShop.start("browser", "Browser Beans");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void registerSearchAddToCartBeDeclinedThenPayAndSeeTheOrderAndItsEmail() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = shop.storefrontUrl();
        String email = "robin-" + UUID.randomUUID() + "@shop.test";
        browser.get(base + "/");
        assertThat(browser.getTitle()).contains("Browser Beans");

        browser.findElement(By.id("register-link")).click();
        browser.findElement(By.id("name")).sendKeys("Robin");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("robin's password");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shopper-name"), "Robin"));

        browser.findElement(By.name("q")).sendKeys("kettle\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-count"), "1 products"));
        browser.findElement(By.cssSelector("button.add-to-cart[data-sku='BRW-KET-10']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cart-lines")));
        assertThat(browser.findElement(By.id("cart-lines")).getText()).contains("Gooseneck Kettle");
        assertThat(browser.findElement(By.id("cart-total")).getText()).contains("45.00 EUR");
        assertThat(browser.findElement(By.id("cart-link")).getText()).contains("(1)");
        screenshot("browser-journey-cart.png");

        browser.findElement(By.id("checkout")).click();
        pay(wait, ShopApi.DECLINED);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-error")));
        assertThat(browser.findElement(By.id("checkout-error")).getText()).contains("declined").contains("cart is unchanged");
        assertThat(browser.findElement(By.id("cart-link")).getText()).as("the cart is intact").contains("(1)");

        pay(wait, ShopApi.VISA);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-outcome")));
        assertThat(browser.findElement(By.id("order-outcome")).getText()).contains("Your order is confirmed");
        assertThat(browser.findElement(By.id("order-status")).getText()).isEqualTo("CONFIRMED");
        assertThat(browser.findElement(By.id("order-history")).getText()).contains("PAYMENT_CAPTURED");
        String orderId = browser.findElement(By.id("order-id")).getText();
        screenshot("browser-journey-confirmation.png");
        assertThat(browser.findElement(By.id("cart-link")).getText()).as("the cart is emptied").contains("(0)");

        browser.findElement(By.id("orders-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-history")));
        assertThat(browser.findElement(By.id("order-history")).getText()).contains(orderId.substring(0, 8)).contains("CONFIRMED")
                .contains("PAYMENT_DECLINED");

        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> shop.smtp().messagesTo(email).size() == 1);
        assertThat(SmtpServer.text(shop.smtp().messagesTo(email).get(0))).contains(orderId).contains("Gooseneck Kettle");
    }

    private static void pay(WebDriverWait wait, String card) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-form")));
        browser.findElement(By.id("card-number")).sendKeys(card);
        browser.findElement(By.id("card-expiry")).sendKeys("12/31");
        browser.findElement(By.id("card-cvc")).sendKeys("123");
        browser.findElement(By.id("pay")).click();
    }

    private static void screenshot(String name) throws Exception {
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
}
