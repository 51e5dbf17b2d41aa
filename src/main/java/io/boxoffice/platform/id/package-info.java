/**
 * Time-ordered identifiers (UUIDv7). Other modules use it through this named interface
 * ({@code platform::id}).
 */
@NamedInterface("id")
package io.boxoffice.platform.id;

import org.springframework.modulith.NamedInterface;
