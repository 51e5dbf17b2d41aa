/**
 * Demo data: venues, published events and two demo accounts loaded on the first start of the
 * embedded default, so a newcomer sees a working platform at once.
 */
@ApplicationModule(
        displayName = "Demo data",
        allowedDependencies = {"accounts", "catalog", "platform", "platform::embedded", "platform::security"})
package io.boxoffice.demo;

import org.springframework.modulith.ApplicationModule;
