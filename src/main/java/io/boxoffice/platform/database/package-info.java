/**
 * Primary and replica routing, read-your-writes consistency tokens, replica health. Other modules use it through this named interface
 * ({@code platform::database}).
 */
@NamedInterface("database")
package io.boxoffice.platform.database;

import org.springframework.modulith.NamedInterface;
