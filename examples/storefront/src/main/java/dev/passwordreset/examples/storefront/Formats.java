package dev.passwordreset.examples.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Date and duration formats for the pages ({@code ${@fmt.when(instant)}} in templates). Moments are
 * shown in the time zone the emails state them in (the brand's {@code
 * password-reset.brand.time-zone}), with the zone's name, so the reset page and the email give the
 * same time.
 */
@Component("fmt")
public class Formats {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

  private final ZoneId zone;

  /**
   * Created by Spring.
   *
   * @param zone the emails' time zone
   */
  public Formats(
      @Value("${password-reset.brand.time-zone:${password-reset.mail.time-zone:UTC}}")
          ZoneId zone) {
    this.zone = zone;
  }

  /**
   * A moment in the emails' time zone, with the zone.
   *
   * @param instant the moment, or {@code null}
   * @return e.g. {@code 2030-01-01 12:00:00 UTC}, or an empty string
   */
  public String when(@Nullable Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(zone));
  }

  /**
   * A moment in the emails' time zone, with the zone.
   *
   * @param time the moment, or {@code null}
   * @return e.g. {@code 2030-01-01 12:00:00 UTC}, or an empty string
   */
  public String when(@Nullable OffsetDateTime time) {
    return time == null ? "" : when(time.toInstant());
  }

  /**
   * A duration in words.
   *
   * @param d the duration
   * @return e.g. {@code 30 minutes}, {@code 24 hours}, {@code 3 days}
   */
  public String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return plural(minutes / (24 * 60), "day");
    }
    if (minutes % 60 == 0) {
      return plural(minutes / 60, "hour");
    }
    return plural(minutes, "minute");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
