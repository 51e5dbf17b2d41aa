/**
 * Load shedding by request class. Other modules use it through this named interface
 * ({@code platform::overload}).
 */
@NamedInterface("overload")
package io.boxoffice.platform.overload;

import org.springframework.modulith.NamedInterface;
