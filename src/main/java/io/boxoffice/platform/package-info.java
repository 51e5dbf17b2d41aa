/**
 * Shared infrastructure: the embedded database, identifiers, web conventions (problem details,
 * pagination, compression) and security. Every other module may use it; it depends on none.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.boxoffice.platform;

import org.springframework.modulith.ApplicationModule;
