package io.boxoffice.payments;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** The provider {@code boxoffice.payments.provider} names, checked before anything takes a payment. */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

    @Bean
    Payments payments(PaymentSettings settings, Environment environment, MeterRegistry meters) {
        return new Payments(provider(settings, environment), settings, meters);
    }

    static PaymentProvider provider(PaymentSettings settings, Environment environment) {
        return switch (settings.provider()) {
            case TEST -> {
                boolean external = StringUtils.hasText(environment.getProperty("spring.datasource.url"));
                boolean production =
                        Arrays.asList(environment.getActiveProfiles()).contains("production");
                if ((external || production) && !settings.testProviderAllowed()) {
                    throw new IllegalStateException("boxoffice.payments.provider is 'test' on "
                            + (production ? "the production profile" : "an external database")
                            + ": anyone could get tickets with the test card. Set boxoffice.payments.provider=stripe"
                            + " with its keys, or boxoffice.payments.test-provider-allowed=true for a deployment"
                            + " whose payments are not real (staging, load tests).");
                }
                yield new TestPaymentProvider();
            }
            case STRIPE -> {
                PaymentSettings.Stripe stripe = settings.stripe();
                if (!StringUtils.hasText(stripe.apiKey()) || !StringUtils.hasText(stripe.webhookSecret())) {
                    throw new IllegalStateException(
                            "boxoffice.payments.provider is 'stripe' but"
                                    + " boxoffice.payments.stripe.api-key or boxoffice.payments.stripe.webhook-secret is not set");
                }
                yield new StripeProvider(stripe);
            }
        };
    }
}
