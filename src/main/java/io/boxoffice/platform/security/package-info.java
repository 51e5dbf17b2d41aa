/**
 * Tokens, callers, roles and the account access other modules check. Other modules use it through this named interface
 * ({@code platform::security}).
 */
@NamedInterface("security")
package io.boxoffice.platform.security;

import org.springframework.modulith.NamedInterface;
