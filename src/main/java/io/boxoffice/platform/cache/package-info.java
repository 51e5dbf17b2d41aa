/**
 * The cache tiers (Caffeine near, Redis shared), their invalidation bus and cached HTTP responses. Other modules use it through this named interface
 * ({@code platform::cache}).
 */
@NamedInterface("cache")
package io.boxoffice.platform.cache;

import org.springframework.modulith.NamedInterface;
