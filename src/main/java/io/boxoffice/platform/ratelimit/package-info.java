/**
 * Rate limits and abuse controls. Other modules use it through this named interface
 * ({@code platform::ratelimit}).
 */
@NamedInterface("ratelimit")
package io.boxoffice.platform.ratelimit;

import org.springframework.modulith.NamedInterface;
