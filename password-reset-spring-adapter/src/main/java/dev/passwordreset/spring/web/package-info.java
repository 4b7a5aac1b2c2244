/**
 * Optional JSON endpoints for the storefront's self-service flows ({@code
 * password-reset.web.enabled=true}). Agent operations are deliberately not exposed.
 */
@NullMarked
package dev.passwordreset.spring.web;

import org.jspecify.annotations.NullMarked;
