/**
 * JDBC helpers: timestamps in and out of timestamptz. Other modules use it through this named interface
 * ({@code platform::jdbc}).
 */
@NamedInterface("jdbc")
package io.boxoffice.platform.jdbc;

import org.springframework.modulith.NamedInterface;
