/**
 * Shared infrastructure: the embedded database, identifiers, web conventions (problem details,
 * pagination, compression) and security. It depends on no other module. Other modules use its root
 * package and the named interfaces of its sub-packages ({@code platform::web},
 * {@code platform::security}, …), each of them declaring which in its {@code allowedDependencies}.
 */
@ApplicationModule(displayName = "Platform")
package io.boxoffice.platform;

import org.springframework.modulith.ApplicationModule;
