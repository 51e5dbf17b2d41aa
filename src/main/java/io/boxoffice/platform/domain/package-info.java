/**
 * Failures the domain names (DomainException and its kinds), and invalid input. Other modules use it through this named interface
 * ({@code platform::domain}).
 */
@NamedInterface("domain")
package io.boxoffice.platform.domain;

import org.springframework.modulith.NamedInterface;
