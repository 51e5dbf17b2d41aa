package io.boxoffice.demo;

import io.boxoffice.accounts.Account;
import io.boxoffice.accounts.AccountManagement;
import io.boxoffice.accounts.NewAccount;
import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.Venue;
import io.boxoffice.platform.embedded.EmbeddedPostgresServer;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo catalogue (50 venues in 10 cities, 2,000 published events) and the demo
 * organizer and attendee. {@code boxoffice.demo-data} forces it on or off; by default it loads on
 * the embedded default when the database holds no venue yet.
 */
@Component
class DemoData implements ApplicationRunner {

    static final String ORGANIZER_EMAIL = "organizer@demo.boxoffice.test";
    static final String ORGANIZER_PASSWORD = "demo-organizer";
    static final String ATTENDEE_EMAIL = "attendee@demo.boxoffice.test";
    static final String ATTENDEE_PASSWORD = "demo-attendee";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Environment environment;
    private final ObjectProvider<EmbeddedPostgresServer> embedded;
    private final AccountManagement accounts;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoData(
            Environment environment,
            ObjectProvider<EmbeddedPostgresServer> embedded,
            AccountManagement accounts,
            Catalog catalog,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.environment = environment;
        this.embedded = embedded;
        this.accounts = accounts;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean wanted = environment.getProperty("boxoffice.demo-data", Boolean.class);
        boolean load = wanted != null ? wanted && !demoLoaded() : embedded.getIfAvailable() != null && catalogEmpty();
        if (load) {
            long started = System.nanoTime();
            int events = transactions.execute(status -> load());
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.atInfo()
                    .addKeyValue("events", events)
                    .addKeyValue("millis", millis)
                    .log("demo data loaded: {} published events in {} ms", events, millis);
        }
        if (demoLoaded()) {
            // the passwords are in the README, never in a log
            log.info(
                    "demo accounts: organizer {}, attendee {} (passwords: see the README)",
                    ORGANIZER_EMAIL,
                    ATTENDEE_EMAIL);
        }
    }

    private int load() {
        Account organizer = accounts.register(
                new NewAccount(ORGANIZER_EMAIL, ORGANIZER_PASSWORD, "Demo Organizer", Role.ORGANIZER));
        accounts.register(new NewAccount(ATTENDEE_EMAIL, ATTENDEE_PASSWORD, "Demo Attendee", Role.ATTENDEE));
        Caller caller = new Caller(organizer.id(), Set.of(Role.ORGANIZER));
        DemoCatalogue catalogue = new DemoCatalogue(clock.instant());
        List<Venue> venues = new ArrayList<>();
        catalogue.venues().forEach(draft -> venues.add(catalog.createVenue(caller, draft)));
        int count = 0;
        for (var draft : catalogue.events(venues)) {
            Event event = catalog.createEvent(caller, draft);
            catalog.publish(caller, event.id());
            count++;
        }
        return count;
    }

    private boolean catalogEmpty() {
        return !jdbc.sql("select exists (select 1 from venue)")
                .query(Boolean.class)
                .single();
    }

    private boolean demoLoaded() {
        return jdbc.sql("select exists (select 1 from account where email = :email)")
                .param("email", ORGANIZER_EMAIL)
                .query(Boolean.class)
                .single();
    }
}
