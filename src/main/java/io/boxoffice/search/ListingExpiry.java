package io.boxoffice.search;

import io.boxoffice.jobs.JobPriority;
import io.boxoffice.jobs.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listing holds events until they end: every {@value #MINUTES} minutes the recurring job
 * {@code listing-expiry} removes those that ended, so browsing and searching never read the
 * years of events already over (docs/queries.md); cached listing pages start a new generation.
 */
@Configuration(proxyBeanMethods = false)
class ListingExpiry {

    static final int MINUTES = 15;
    private static final Logger log = LoggerFactory.getLogger(ListingExpiry.class);

    @Bean
    RecurringJob listingExpiryJob(Listings listings, ListingCache cache, Clock clock) {
        return new RecurringJob("listing-expiry", JobPriority.LOW, Duration.ofMinutes(MINUTES), () -> {
            int removed = listings.expireEnded(clock.instant());
            if (removed > 0) {
                cache.pages().evictAllOnCommit(); // no transaction here: every node, at once
                log.info("Listing expiry: removed {} events that ended", removed);
            }
        });
    }
}
