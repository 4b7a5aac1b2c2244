package dev.passwordreset.examples.storefront.store;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The demo's two storefronts. Each has its own pages under its path, its own sign-in, and its own
 * reset link ({@code password-reset.link-template} and {@code
 * password-reset.storefronts.b2b.link-template}), so a link goes back to the store it came from.
 */
public enum Store {
  /** The public shop: browsing is open, the account pages need a sign-in. */
  SHOP("shop", "Corner Shop", null),
  /** The B2B store for trade customers: every page but sign-in and password help is protected. */
  B2B("b2b", "Corner Shop Pro", "b2b");

  private final String path;
  private final String title;
  private final @Nullable String storefront;

  Store(String path, String title, @Nullable String storefront) {
    this.path = path;
    this.title = title;
    this.storefront = storefront;
  }

  /**
   * The first path segment.
   *
   * @return {@code shop} or {@code b2b}
   */
  public String path() {
    return path;
  }

  /**
   * The store's name on its pages.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * The storefront's name for the library ({@code RequestContext.storefront}), which picks the link
   * template.
   *
   * @return {@code null} for the default storefront
   */
  public @Nullable String storefront() {
    return storefront;
  }

  /**
   * The store of a path segment or storefront name.
   *
   * @param name {@code shop}, {@code b2b}, or {@code null} for the default storefront
   * @return the store
   * @throws IllegalArgumentException for another name
   */
  public static Store of(@Nullable String name) {
    if (name == null) {
      return SHOP;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "shop" -> SHOP;
      case "b2b" -> B2B;
      default -> throw new IllegalArgumentException("store must be shop or b2b, was " + name);
    };
  }
}
