/**
 * Health, metrics, tracing and logging conventions. Other modules use it through this named interface
 * ({@code platform::observability}).
 */
@NamedInterface("observability")
package io.boxoffice.platform.observability;

import org.springframework.modulith.NamedInterface;
