/**
 * Accounts: sign-up, password hashing, token issue, roles, the start-up administrator, and the
 * GDPR rights (export and erasure). {@link io.boxoffice.accounts.AccountManagement} is its facade.
 */
@ApplicationModule(
        displayName = "Accounts",
        allowedDependencies = {
            "platform",
            "platform::cache",
            "platform::database",
            "platform::domain",
            "platform::id",
            "platform::jdbc",
            "platform::ratelimit",
            "platform::security",
            "platform::web"
        })
package io.boxoffice.accounts;

import org.springframework.modulith.ApplicationModule;
