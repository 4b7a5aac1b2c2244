package dev.passwordreset.examples.storefront;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the demo's four areas, and the story to click through. */
@Controller
public class StartPageController {

  /** Created by Spring. */
  public StartPageController() {}

  @GetMapping("/")
  String start() {
    return "index";
  }
}
