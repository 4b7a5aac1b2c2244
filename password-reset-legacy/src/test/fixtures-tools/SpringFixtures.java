// Generates the Spring Security known-answer fixtures ONCE, with Spring Security's own encoders.
// Run (Java 17+, single-file source launcher), jars from ~/.m2:
//   java -cp spring-security-crypto-7.1.2.jar:bcprov-jdk18on-1.87.jar:commons-logging-1.3.5.jar \
//     SpringFixtures.java > spring.tsv
// Output lines: format<TAB>label<TAB>password (base64 of UTF-8)<TAB>hash
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

public class SpringFixtures {
  public static void main(String[] args) {
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put("ascii", "correct horse battery staple");
    passwords.put("accented", "Mot-de-passe-Été-àçü");
    passwords.put("nfkc", "Soleil²-Año-1º");
    String version = PasswordEncoder.class.getPackage().getImplementationVersion();
    System.out.println("# tool: Spring Security crypto " + version + ", BouncyCastle 1.87, Java "
        + System.getProperty("java.version"));
    String[] ids = {"bcrypt", "argon2", "argon2@SpringSecurity_v5_8", "pbkdf2",
        "pbkdf2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8"};
    for (Map.Entry<String, String> e : passwords.entrySet()) {
      String pw = e.getValue();
      for (String id : ids) {
        PasswordEncoder delegating = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        PasswordEncoder one = new DelegatingPasswordEncoder(id,
            Map.of(id, encoderFor(id)));
        String hash = one.encode(pw);
        if (!delegating.matches(pw, hash)) {
          throw new IllegalStateException("Spring does not verify its own " + id);
        }
        out("spring-" + id, e.getKey(), pw, hash);
      }
      out("spring-bare-bcrypt", e.getKey(), pw, new BCryptPasswordEncoder().encode(pw));
      out("spring-bare-pbkdf2-v5_8", e.getKey(), pw,
          Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(pw));
    }
    out("spring-noop", "ascii", "correct horse battery staple", "{noop}correct horse battery staple");
  }

  static PasswordEncoder encoderFor(String id) {
    Map<String, PasswordEncoder> all = new LinkedHashMap<>();
    // the same instances createDelegatingPasswordEncoder() registers, taken by id
    DelegatingPasswordEncoder d =
        (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
    try {
      var f = DelegatingPasswordEncoder.class.getDeclaredField("idToPasswordEncoder");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<String, PasswordEncoder> map = (Map<String, PasswordEncoder>) f.get(d);
      all.putAll(map);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
    return all.get(id);
  }

  static void out(String format, String label, String pw, String hash) {
    System.out.println(format + "\t" + label + "\t"
        + Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8)) + "\t" + hash);
  }
}
