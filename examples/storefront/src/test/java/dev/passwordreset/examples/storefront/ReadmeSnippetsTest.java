package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every Java and XML snippet of the README is checked against the code the build compiles (issue
 * 18): a README that does not compile, or names a version the build does not make, fails here.
 *
 * <ul>
 *   <li>A Java block that starts with {@code package} or {@code import} is a whole file: it is
 *       compiled exactly as it stands, with nothing added, against every module of the library,
 *       Spring Boot and the JDK (this module's test class path).
 *   <li>Any other Java block is a fragment of a host's code: it is compiled as the body of a method
 *       (statements), else as the members of a class (beans, fields, methods), else as a file
 *       (classes), each time with the library's packages imported and with the host's own names it
 *       refers to ({@code service}, {@code email}, {@code signIn(...)}) declared by {@link
 *       #HOST_CONTEXT}. A fragment passes when one of the three compiles without error.
 *   <li>An XML block that names a {@code dev.passwordreset} artifact must be well-formed (inside a
 *       {@code <snippet>} root), name a module the build makes, and give the version this build
 *       makes, or none where it imports {@code password-reset-bom}.
 * </ul>
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("../../README.md");
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

  /** What every fragment may use without importing it. */
  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.passwordreset.api.*;",
          "import dev.passwordreset.captcha.*;",
          "import dev.passwordreset.core.*;",
          "import dev.passwordreset.core.delivery.*;",
          "import dev.passwordreset.core.hash.*;",
          "import dev.passwordreset.core.notify.*;",
          "import dev.passwordreset.core.policy.*;",
          "import dev.passwordreset.core.store.*;",
          "import dev.passwordreset.core.throttle.*;",
          "import dev.passwordreset.jdbc.*;",
          "import dev.passwordreset.legacy.*;",
          "import dev.passwordreset.mail.*;",
          "import dev.passwordreset.spring.*;",
          "import dev.passwordreset.testkit.*;",
          "import java.time.*;",
          "import java.time.format.*;",
          "import java.util.List;",
          "import java.util.Map;",
          "import java.util.Optional;",
          "import java.util.Locale;",
          "import java.util.Set;",
          "import java.util.concurrent.*;",
          "import javax.sql.DataSource;",
          "import jakarta.servlet.http.HttpServletRequest;",
          "import org.springframework.context.annotation.*;",
          "import org.springframework.context.event.EventListener;",
          "import org.springframework.core.task.TaskExecutor;",
          "import org.springframework.http.ResponseEntity;",
          "import org.springframework.security.access.prepost.PreAuthorize;",
          "import org.springframework.security.core.Authentication;",
          "import org.springframework.stereotype.Component;",
          "import org.springframework.web.bind.annotation.*;",
          "import jakarta.mail.MessagingException;",
          "import jakarta.mail.Session;",
          "import jakarta.mail.internet.MimeMessage;",
          "import java.util.ResourceBundle;",
          "import org.jspecify.annotations.Nullable;",
          "import static org.assertj.core.api.Assertions.assertThat;",
          "");

  /**
   * The host's own names that README fragments refer to: its request's values, its services and its
   * pages. Only declarations; nothing here is library code.
   */
  private static final String HOST_CONTEXT =
      String.join(
          "\n",
          "  PasswordResetService service;",
          "  PasswordResetEngine engine;",
          "  CustomerStore myCustomerStore;",
          "  Notifier myNotifier;",
          "  DataSource dataSource;",
          "  String email;",
          "  String token;",
          "  String codeAsTyped;",
          "  byte[] hmacKeyFromYourSecretStore;",
          "  String clientIp;",
          "  String smtpPassword;",
          "  char[] password;",
          "  char[] newPassword;",
          "  char[] current;",
          "  char[] next;",
          "  CustomerId customerId;",
          "  AgentContext agent;",
          "  RequestContext ctx;",
          "  interface ActivityFeed { void record(ResetEvent event); }",
          "  ActivityFeed activityFeed;",
          "  interface BackOffice { void recordActivity(String agentId, CustomerId customerId,"
              + " Instant at); }",
          "  BackOffice backOffice;",
          "  interface Cms { String subject(String key, Locale locale); }",
          "  Cms cms;",
          "  char[] typed;",
          "  char[] passwordTypedAgain;",
          "  CustomerStore customers;",
          "  Brand shop;",
          "  Brand pro;",
          "  Session session;",
          "  interface Transport { void send(MimeMessage message) throws MessagingException; }",
          "  Transport myTransport;",
          "  interface ShopDatabase {",
          "    void truncate(String table);",
          "    TicketStore ticketStore();",
          "    CustomerStore customerStore();",
          "    void insert(CustomerAccount account, @Nullable StoredPassword password);",
          "  }",
          "  ShopDatabase shopDatabase;",
          "  static class NoShopName implements PasswordRule {",
          "    public String id() { return \"shop-name\"; }",
          "    public Optional<PolicyViolation> check(char[] c, PolicyContext x) {",
          "      return Optional.empty();",
          "    }",
          "    public Optional<String> describe(Locale l) { return Optional.empty(); }",
          "  }",
          "  interface Alerts { void count(String provider, String reason); }",
          "  Alerts alerts;",
          "  void signIn(CustomerId id) {}",
          "  void showGuidance(List<PolicyViolation> violations) {}",
          "  void showLinkProblem(InvalidReason reason) {}",
          "  void tooManyAttempts(Duration retryAfter) {}",
          "");

  @TestFactory
  Stream<DynamicTest> everyJavaSnippetCompiles(@TempDir Path out) throws IOException {
    List<Block> blocks = blocks("java");
    assertThat(blocks).as("Java blocks in README.md").isNotEmpty();
    return blocks.stream()
        .map(
            b ->
                DynamicTest.dynamicTest(
                    "README.md line " + b.line(),
                    () -> assertCompiles(b, out.resolve("l" + b.line()))));
  }

  @TestFactory
  Stream<DynamicTest> everyXmlSnippetNamesAModuleAndVersionThisBuildMakes() throws Exception {
    String version = projectVersion();
    List<String> modules = publishedModules();
    return blocks("xml").stream()
        .filter(b -> b.code().contains("dev.passwordreset"))
        .map(
            b ->
                DynamicTest.dynamicTest(
                    "README.md line " + b.line(), () -> assertXml(b, version, modules)));
  }

  /**
   * The five-minute program is a whole file, exactly {@code FiveMinuteShop.java} of the plain-Java
   * example, whose test runs it to the end (reset by email, then login).
   */
  @Test
  void theFiveMinuteProgramIsTheRunnableExample() throws IOException {
    String example =
        Files.readString(
                Path.of(
                    "../plain-java/src/main/java/dev/passwordreset/examples/FiveMinuteShop.java"),
                StandardCharsets.UTF_8)
            .strip();
    assertThat(blocks("java"))
        .as("a README Java block that is FiveMinuteShop.java, as it stands")
        .anyMatch(b -> b.wholeFile() && b.code().strip().equals(example));
  }

  private static void assertCompiles(Block block, Path out) throws IOException {
    Files.createDirectories(out);
    List<String> forms = new ArrayList<>();
    if (block.wholeFile()) {
      forms.add(block.code());
    } else {
      forms.add(
          IMPORTS
              + "class Snippet {\n"
              + HOST_CONTEXT
              + "  void run() throws Exception {\n"
              + block.code()
              + "\n  }\n}\n");
      forms.add(IMPORTS + "class Snippet {\n" + HOST_CONTEXT + block.code() + "\n}\n");
      forms.add(IMPORTS + block.code() + "\n");
    }
    List<String> errors = new ArrayList<>();
    for (String source : forms) {
      List<String> found = compile(source, out);
      if (found.isEmpty()) {
        return;
      }
      if (errors.isEmpty() || found.size() < errors.size()) {
        errors = found;
      }
    }
    throw new AssertionError(
        "README.md line "
            + block.line()
            + ": the snippet does not compile:\n"
            + String.join("\n", errors)
            + "\n--- snippet ---\n"
            + block.code());
  }

  private static List<String> compile(String source, Path out) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String name = publicTypeName(source);
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///" + name.replace('.', '/') + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of(
                      "-proc:none",
                      "--release",
                      "17",
                      "-classpath",
                      classPath,
                      "-d",
                      out.toString()),
                  null,
                  List.of(file))
              .call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add("  line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
      }
      if (!ok && errors.isEmpty()) {
        errors.add("  the compiler failed without a message");
      }
      return errors;
    }
  }

  /** The public top-level type's name (a whole file must be named after it), else "Snippet". */
  private static String publicTypeName(String source) {
    Matcher m =
        Pattern.compile(
                "(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
            .matcher(source);
    return m.find() ? m.group(1) : "Snippet";
  }

  private static void assertXml(Block block, String version, List<String> modules)
      throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc =
        factory
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader("<snippet>" + block.code() + "</snippet>")));
    boolean bomImported = block.code().contains("<artifactId>password-reset-bom</artifactId>");
    NodeList dependencies = doc.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (!"dev.passwordreset".equals(text(dependency, "groupId"))) {
        continue;
      }
      String artifact = text(dependency, "artifactId");
      assertThat(modules).as("README.md line %d: artifact", block.line()).contains(artifact);
      String given = text(dependency, "version");
      if (given == null) {
        assertThat(bomImported || readmeImportsBom())
            .as(
                "README.md line %d: %s has no <version>, so the README must import"
                    + " password-reset-bom",
                block.line(), artifact)
            .isTrue();
      } else {
        assertThat(given)
            .as("README.md line %d: version of %s", block.line(), artifact)
            .isEqualTo(version);
      }
    }
  }

  private static boolean readmeImportsBom() throws IOException {
    return blocks("xml").stream()
        .anyMatch(
            b ->
                b.code().contains("<artifactId>password-reset-bom</artifactId>")
                    && b.code().contains("<scope>import</scope>"));
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  /** The version of this build, from the parent POM. */
  private static String projectVersion() throws Exception {
    Document pom = pom(Path.of("../../pom.xml"));
    NodeList children = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("version")) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError("no <version> in the parent pom.xml");
  }

  /** The artifacts the build makes under dev.passwordreset that a host may depend on. */
  private static List<String> publishedModules() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("../.."))) {
      for (Path dir :
          dirs.filter(d -> d.getFileName().toString().startsWith("password-reset-")).toList()) {
        if (Files.exists(dir.resolve("pom.xml"))) {
          names.add(dir.getFileName().toString());
        }
      }
    }
    return names;
  }

  private static Document pom(Path path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(path.toFile());
  }

  /** The fenced blocks of the README in one language, with the line their code starts on. */
  private static List<Block> blocks(String language) throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches() || open.group(1).isEmpty()) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (open.group(1).equals(language)) {
        blocks.add(new Block(start + 1, String.join("\n", lines.subList(start, end))));
      }
      i = end;
    }
    return blocks;
  }

  private record Block(int line, String code) {
    boolean wholeFile() {
      String first = code.stripLeading();
      return first.startsWith("package ") || first.startsWith("import ");
    }
  }
}
