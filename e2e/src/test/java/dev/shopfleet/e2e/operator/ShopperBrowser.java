package dev.shopfleet.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopfleet.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A shopper in headless Chromium at a tenant's host, served by the local cluster's ingress (node port 30080). */
final class ShopperBrowser implements AutoCloseable {
    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;

    private ShopperBrowser(ChromeDriver driver, String host) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        this.base = "http://" + host + ":30080";
    }

    static ShopperBrowser at(String host) {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver)).as("headless Chromium is required: "
                + "apt-get install chromium chromium-driver (e2e/cluster/install-prerequisites does)").isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--host-resolver-rules=MAP " + host + " 127.0.0.1");
        return new ShopperBrowser(new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).build(), options), host);
    }

    void open(String path) {
        driver.get(base + path);
    }

    void register(String name, String email, String password) {
        driver.findElement(By.id("register-link")).click();
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shopper-name"), name));
    }

    /**
     * Finds the product by a search, adds it, and waits for the cart page to show it. On 2 cores a cart call can miss
     * its timeout: the page then says the cart is unavailable for a moment (the storefront's breaker), and a shopper
     * reloads. Returns how often.
     */
    int addToCart(String search, String sku, Supplier<String> diagnostics) {
        driver.findElement(By.name("q")).sendKeys(search + "\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-count"), "1 products"));
        driver.findElement(By.cssSelector("button.add-to-cart[data-sku='" + sku + "']")).click();
        AtomicInteger reloads = new AtomicInteger();
        Poll.until("the cart page to show " + sku, Duration.ofSeconds(60), () -> {
            if (!driver.findElements(By.id("cart-lines")).isEmpty()) {
                return true;
            }
            reloads.incrementAndGet();
            open("/cart");
            return false;
        }, diagnostics);
        return reloads.get();
    }

    /** Checks out from the cart page and pays; the order's status as the confirmation shows it. */
    String pay(String card) {
        driver.findElement(By.id("checkout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout-form")));
        driver.findElement(By.id("card-number")).sendKeys(card);
        driver.findElement(By.id("card-expiry")).sendKeys("12/31");
        driver.findElement(By.id("card-cvc")).sendKeys("123");
        driver.findElement(By.id("pay")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("order-outcome")));
        return driver.findElement(By.id("order-status")).getText();
    }

    /** Every request the browser makes from now on carries these headers (Chrome's DevTools protocol). */
    void sendHeaders(Map<String, String> headers) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
