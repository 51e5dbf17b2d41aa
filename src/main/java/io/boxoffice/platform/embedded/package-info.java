/**
 * The embedded PostgreSQL of the default run. Other modules use it through this named interface
 * ({@code platform::embedded}).
 */
@NamedInterface("embedded")
package io.boxoffice.platform.embedded;

import org.springframework.modulith.NamedInterface;
