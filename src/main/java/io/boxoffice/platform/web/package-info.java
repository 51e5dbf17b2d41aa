/**
 * Web conventions: problem details, pagination, compression, ETags, page plumbing. Other modules use it through this named interface
 * ({@code platform::web}).
 */
@NamedInterface("web")
package io.boxoffice.platform.web;

import org.springframework.modulith.NamedInterface;
