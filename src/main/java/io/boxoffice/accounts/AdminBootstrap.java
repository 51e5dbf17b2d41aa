package io.boxoffice.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/** Creates the one administrator account from configuration at start-up: the only way to become ADMIN. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    /** The administrator's credentials; nothing is created unless both are set. */
    @ConfigurationProperties("boxoffice.admin")
    @Validated
    record Settings(
            @Nullable @Email String email,
            @Nullable @Size(min = 8, max = 128) String password) {}

    private final AccountManagement accounts;
    private final Settings settings;

    AdminBootstrap(AccountManagement accounts, Settings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (StringUtils.hasText(settings.email()) && StringUtils.hasText(settings.password())) {
            accounts.ensureAdmin(settings.email(), settings.password());
            log.atInfo()
                    .addKeyValue("email", settings.email())
                    .log("administrator account {} ensured", settings.email());
        }
    }
}
