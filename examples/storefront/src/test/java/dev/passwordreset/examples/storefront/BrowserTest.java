package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.passwordreset.testkit.SecretWatchExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo, driven by Debian's headless Chromium through Selenium (no driver download: {@code
 * SE_OFFLINE=true} and the driver's path are given).
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the tests are skipped with
 * a loud message, unless the environment variable {@code CI} is set: then they fail.
 */
abstract class BrowserTest extends DemoAppTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(15);

  ChromeDriver driver;
  WebDriverWait wait;
  private Path profile;

  @BeforeAll
  static void requireChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message =
        "Browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)";
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank()) {
      fail(message + ". CI is set, so missing browsers fail the build.");
    }
    System.err.println();
    System.err.println("*".repeat(78));
    System.err.println("*** SKIPPING THE STOREFRONT BROWSER TESTS: " + message);
    System.err.println("*".repeat(78));
    assumeTrue(false, "SKIPPED: " + message);
  }

  @BeforeEach
  void startBrowser() throws IOException {
    profile = Files.createTempDirectory("storefront-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, WAIT);
    // A look at a page that is being replaced may fail with an error other than staleness (see
    // submit); the wait tries again, and on a timeout reports the last such error as the cause.
    wait.ignoring(WebDriverException.class);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  void open(String path) {
    driver.get(BASE + path);
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void type(String css, String text) {
    if (css.contains("password") || css.equals("#repeat")) {
      typedPassword(text);
    }
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Registers a password typed into the form as a secret of the test. The deliberately weak ones
   * the tests type ("password", "weak", "short") are ordinary words that the application's log
   * lines may hold for other reasons, so only a password with a digit in it is registered.
   */
  static void typedPassword(String text) {
    if (text.chars().anyMatch(Character::isDigit)) {
      SecretWatchExtension.secret(text);
    }
  }

  void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  /**
   * Clicks a button that submits a form, and waits until the browser shows the answer: the page it
   * was on is gone. Read right after a bare click, the page may still be the old one (or the
   * request may be abandoned when the test moves on).
   */
  void submit(String css) {
    // A mark on the old page's window object: a new document never has it. (Waiting for the old
    // <html> element to go stale is not enough: asked about a node of a document being replaced,
    // Chromium may answer "Node with given id does not belong to the document", which Selenium
    // reports as an unknown error, not as staleness.)
    driver.executeScript("window.__passwordResetTestOldPage = true");
    click(css);
    wait.until(
        d ->
            Boolean.TRUE.equals(
                driver.executeScript(
                    "return window.__passwordResetTestOldPage === undefined"
                        + " && document.readyState === 'complete'")));
  }

  /** Saves the back office's settings form, and waits until they are saved. */
  void saveSettings() {
    submit("#save");
    assertThat(text("#notice")).isEqualTo("Settings saved.");
  }

  String text(String css) {
    return find(css).getText();
  }

  /**
   * The texts of the elements a selector finds, once there is at least one: the page a click
   * submitted may still be loading, so an immediate look could find the old page's none.
   */
  List<String> texts(String css) {
    return wait
        .until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(css)))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  void waitForPath(String path) {
    wait.until(ExpectedConditions.urlMatches("^" + BASE + path + "([?#].*)?$"));
  }

  /** Saves the browser's page as target/screenshots/{name}.png. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      // The whole page: grow the window to the page's height for the shot, then put it back.
      Dimension size = driver.manage().window().getSize();
      long page =
          ((Number)
                  driver.executeScript(
                      "return Math.max(document.body.scrollHeight,"
                          + " document.documentElement.scrollHeight) - window.innerHeight"))
              .longValue();
      if (page > 0) {
        driver
            .manage()
            .window()
            .setSize(new Dimension(size.getWidth(), (int) Math.min(size.getHeight() + page, 2400)));
      }
      File png = driver.getScreenshotAs(OutputType.FILE);
      driver.manage().window().setSize(size);
      Files.copy(
          png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void signInAgent(String username, String password) {
    open("/backoffice/login");
    type("#username", username);
    type("#password", password);
    click("#sign-in");
    waitForPath("/backoffice/customers");
  }

  void signInCustomer(String store, String email, String password) {
    open("/" + store + "/login");
    type("#email", email);
    type("#password", password);
    click("#sign-in");
  }

  /** How many emails the mailbox holds for a recipient. */
  int mailCount(String to) {
    open("/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    return driver.findElements(By.cssSelector("#mails tr.mail")).size();
  }

  /**
   * Waits until the mailbox holds more than {@code before} emails for the recipient (self-service
   * mail is sent off the request's thread), then opens the newest.
   */
  void openNewestMail(String to, int before) {
    // A bounded poll on the mailbox page (reloaded every 200 ms), on the test's thread.
    new WebDriverWait(driver, WAIT, Duration.ofMillis(200))
        .withMessage(() -> "no new email to " + to + " within " + WAIT)
        .until(d -> mailCount(to) > before);
    driver.findElements(By.cssSelector("#mails a.mail-subject")).get(0).click();
    assertThat(text("#mail-to")).contains(to);
  }

  /** The open email's HTML part, as the mailbox page hands it to its sandboxed frame. */
  String mailHtml() {
    return find("iframe.mail-frame").getAttribute("srcdoc");
  }

  /** The link in the open email's text part. */
  String linkInMail() {
    String link = find("#mail-text a.mail-link").getDomAttribute("href");
    SecretWatchExtension.secret(link);
    if (link != null && link.contains("token=")) {
      SecretWatchExtension.secret(link.substring(link.indexOf("token=") + "token=".length()));
    }
    return link;
  }
}
