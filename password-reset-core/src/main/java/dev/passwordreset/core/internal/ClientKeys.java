package dev.passwordreset.core.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a client address into the client a per-client limit counts: an IPv4
 * address is one client; an IPv6 address counts as its network prefix (a /64 by default, since a
 * host is handed 2^64 addresses and can rotate through them); an IPv4-mapped IPv6 address ({@code
 * ::ffff:192.0.2.1}) counts as the IPv4 address it carries.
 *
 * <p>Addresses are parsed as literals, never looked up (no DNS): IPv4 in dotted-decimal form, IPv6
 * in any RFC 4291 text form, optionally in brackets and with a zone ({@code %eth0}, ignored).
 * Anything else (a host name, an address with a port, a list from a forwarding header) is
 * <b>unparsable, and every unparsable address counts as one and the same client</b>: a host that
 * passes something other than a bare address throttles all such callers together, which fails safe
 * (no caller can escape a limit by sending new strings) and shows at once. The first one is logged
 * once at WARN, without the value.
 *
 * <p>Immutable; thread-safe.
 */
public final class ClientKeys {
  private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

  /** The client every unparsable address counts as. */
  public static final String UNPARSABLE = "unparsable";

  private final int ipv6PrefixLength;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * Creates the mapping.
   *
   * @param ipv6PrefixLength how many leading bits of an IPv6 address make one client; 1 to 128
   * @throws IllegalArgumentException if out of range
   */
  public ClientKeys(int ipv6PrefixLength) {
    if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
      throw new IllegalArgumentException(
          "ipv6PrefixLength must be between 1 and 128, was " + ipv6PrefixLength);
    }
    this.ipv6PrefixLength = ipv6PrefixLength;
  }

  /**
   * The client an address counts as: {@code 4:a.b.c.d} for IPv4 (and IPv4-mapped IPv6), {@code
   * 6:<hex of the prefix>/<length>} for IPv6, {@link #UNPARSABLE} for anything else.
   *
   * @param address the client address as the host gave it
   * @return the client's key; never empty
   */
  public String of(String address) {
    String a = address.strip();
    byte[] v4 = parseIpv4(a);
    if (v4 != null) {
      return ipv4Key(v4);
    }
    byte[] v6 = parseIpv6(a);
    if (v6 == null) {
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "A client address is not an IPv4 or IPv6 literal; every such address counts as one"
                + " client for the throttles. Pass the bare client address in RequestContext.");
      }
      return UNPARSABLE;
    }
    if (isIpv4Mapped(v6)) {
      return ipv4Key(new byte[] {v6[12], v6[13], v6[14], v6[15]});
    }
    StringBuilder key = new StringBuilder("6:");
    int bits = ipv6PrefixLength;
    for (int i = 0; i < 16 && bits > 0; i++, bits -= 8) {
      int b = v6[i] & 0xff;
      if (bits < 8) {
        b &= 0xff << (8 - bits);
      }
      key.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return key.append('/').append(ipv6PrefixLength).toString();
  }

  private static String ipv4Key(byte[] v4) {
    return "4:"
        + (v4[0] & 0xff)
        + '.'
        + (v4[1] & 0xff)
        + '.'
        + (v4[2] & 0xff)
        + '.'
        + (v4[3] & 0xff);
  }

  private static boolean isIpv4Mapped(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
  }

  /** Dotted decimal, four parts of 1 to 3 digits, each at most 255; else null. */
  static byte @Nullable [] parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** An RFC 4291 text form (brackets and a zone allowed), as 16 bytes; else null. */
  static byte @Nullable [] parseIpv6(String text) {
    String s = text;
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      if (zone == s.length() - 1) {
        return null;
      }
      s = s.substring(0, zone);
    }
    if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
      return null;
    }
    byte[] tail4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) >= 0) {
      tail4 = parseIpv4(s.substring(lastColon + 1));
      if (tail4 == null) {
        return null;
      }
      // Keep the colon(s) before the IPv4 part, and stand the IPv4 part in as two groups.
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if (gap >= 0 ? total > 7 : total != 8) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int at = 8 - t.length + i;
      out[2 * at] = (byte) (t[i] >> 8);
      out[2 * at + 1] = (byte) t[i];
    }
    if (tail4 != null) {
      System.arraycopy(tail4, 0, out, 12, 4);
    }
    return out;
  }

  /** Colon-separated groups of 1 to 4 hex digits ("" is no group); null if malformed. */
  private static int @Nullable [] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    if (parts.length > 8) {
      return null;
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        int d =
            c >= '0' && c <= '9'
                ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }
}
