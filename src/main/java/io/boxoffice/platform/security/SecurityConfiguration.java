package io.boxoffice.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.boxoffice.platform.ratelimit.RateLimitFilter;
import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.util.function.SingletonSupplier;

/**
 * Stateless security: every request is anonymous or carries a Boxoffice-signed JWT, checked on
 * whichever node receives it. Roles and ownership are enforced again in each module's service.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            JwtDecoder decoder,
            Converter<Jwt, AbstractAuthenticationToken> tokens,
            AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler denied,
            RateLimitFilter rateLimits) {
        return http.addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                // who may call comes before what they sent: these answer 401/403 whatever the body
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/v1/me", "/api/v1/me/**")
                        .authenticated()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/venues", "/api/v1/events")
                        .hasRole(Role.ORGANIZER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/auth/token")
                        .permitAll()
                        // the payment provider's webhook: its signature, not a token, says who sent it
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/stripe/webhook")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/orders/**", "/api/v1/events/*/stats")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /**
     * The web front: the session is the API's JWT in an HttpOnly cookie ({@link SessionCookies}),
     * forms carry a CSRF token kept in a cookie of its own (no server-side session), every page
     * gets a strict Content-Security-Policy, and a page that needs a signed-in person sends them
     * to the sign-in form. Checked before the API's chain, which takes everything else.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(
            HttpSecurity http,
            JwtDecoder decoder,
            Converter<Jwt, AbstractAuthenticationToken> tokens,
            RateLimitFilter rateLimits,
            @Value("${boxoffice.payments.provider:test}") String paymentProvider) {
        String contentSecurityPolicy = "stripe".equalsIgnoreCase(paymentProvider)
                ? CONTENT_SECURITY_POLICY_WITH_STRIPE
                : CONTENT_SECURITY_POLICY;
        AuthenticationEntryPoint signIn = (request, response, failure) -> {
            SessionCookies.clear(response); // an expired or foreign token: start again
            String next =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        };
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName("boxoffice_csrf");
        csrfTokens.setCookieCustomizer(cookie -> cookie.secure(true).sameSite("Lax"));
        // A filter of our own rather than http.csrf(): the resource server exempts from CSRF every
        // request its token resolver finds a token in, and here that is every signed-in request.
        CsrfFilter csrf = new CsrfFilter(csrfTokens);
        csrf.setAccessDeniedHandler(SecurityConfiguration::staleForm);
        return http.securityMatcher(request -> PagePaths.contains(request.getRequestURI()))
                .csrf(disabled -> disabled.disable())
                .addFilterAt(csrf, CsrfFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(
                                permissions -> permissions.policy("camera=(self), geolocation=(self)")))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/me", "/me/**", "/organizer/**", "/checkout", "/orders/**", "/events/*/queue")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(
                                request -> SessionCookies.token(request).orElse(null))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(signIn))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(signIn))
                .addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class)
                .build();
    }

    /** A form post without its CSRF token: a 403 page that says what to do, and nothing done. */
    private static void staleForm(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        response.getWriter().write(STALE_FORM);
    }

    private static final String STALE_FORM = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Form expired · Boxoffice</title></head>
            <body><main id="main" class="narrow"><h1>This form has expired</h1>
            <p role="alert">It was sent without the check that shows it came from this site, so nothing was done.
            Go back, reload the page and send the form again.</p><p><a href="/">Home</a></p></main></body></html>
            """;

    /** Pages load only their own scripts, styles and images: no inline script, nothing third-party. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * With Stripe taking payments, the same and exactly what Stripe.js needs (its documented
     * origins): its script, its frames (the Payment Element, 3-D Secure) and its API.
     */
    static final String CONTENT_SECURITY_POLICY_WITH_STRIPE =
            "default-src 'self'; script-src 'self' https://js.stripe.com https://*.js.stripe.com; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self' https://api.stripe.com; "
                    + "frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com; "
                    // a payment form's answer may redirect to the bank's challenge, which browsers check against
                    // form-action
                    + "object-src 'none'; base-uri 'self'; form-action 'self' https://hooks.stripe.com; "
                    + "frame-ancestors 'none'";

    /**
     * No observation around the filter chain, each security filter, authentication or
     * authorization: wrapping every filter of every request in an observation (even one a predicate
     * then disables) costs more than the rest of an order's request. Requests keep theirs
     * ({@code http.server.requests}), and sign-ins and refusals are counted by the application.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Checks the signature and claims of a token once, then remembers the answer until the token
     * expires: during an on-sale each buyer sends the same token with every request, and checking
     * its HMAC and parsing its JSON each time was a tenth of an order's CPU. A token that fails is
     * never remembered, and the account's roles are still read for every request (the converter
     * below), so a changed or deleted account counts at once.
     */
    @Bean
    JwtDecoder jwtDecoder(JwtKeys keys, SecuritySettings settings, Clock clock, Ticker ticker) {
        SingletonSupplier<NimbusJwtDecoder> decoder = SingletonSupplier.of(() -> {
            NimbusJwtDecoder built = NimbusJwtDecoder.withSecretKey(keys.key())
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            // expiry judged by the application's clock, the one the token was issued by
            JwtTimestampValidator expiry = new JwtTimestampValidator();
            expiry.setClock(clock);
            built.setJwtValidator(JwtValidators.createDefaultWithValidators(
                    List.of(expiry, new JwtIssuerValidator(settings.issuer()))));
            // The issuer stays the string it is: the default conversion tries it as a URL first, and
            // for an issuer that is not one ("boxoffice") throws and catches an exception per request.
            built.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                    Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
            return built;
        });
        Cache<String, Jwt> verified = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(VERIFIED_TOKENS)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) ->
                        jwt.getExpiresAt() == null || !jwt.getExpiresAt().isAfter(clock.instant())
                                ? Duration.ZERO // within the clock skew past its expiry: checked again each time
                                : Duration.between(clock.instant(), jwt.getExpiresAt())))
                .build();
        return token -> verified.get(token, decoder.obtain()::decode);
    }

    /** At most this many verified tokens per node (a few kilobytes each). */
    private static final int VERIFIED_TOKENS = 20_000;

    @Bean
    JwtEncoder jwtEncoder(JwtKeys keys) {
        SingletonSupplier<NimbusJwtEncoder> encoder = SingletonSupplier.of(
                () -> NimbusJwtEncoder.withSecretKey(keys.key()).build());
        return parameters -> encoder.obtain().encode(parameters);
    }

    @Bean
    Converter<Jwt, AbstractAuthenticationToken> jwtAuthentication(ActiveAccounts accounts) {
        return jwt -> {
            UUID accountId;
            try {
                accountId = UUID.fromString(jwt.getSubject());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidBearerTokenException("The token names no account.");
            }
            // the account's roles now, not those the token was issued with: a change counts at once
            Set<Role> roles = accounts.rolesOf(accountId)
                    .orElseThrow(() -> new InvalidBearerTokenException("The token's account no longer exists."));
            Collection<GrantedAuthority> authorities = roles.stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }

    @Bean
    AuthenticationEntryPoint problemEntryPoint(ProblemWriter problems) {
        return (request, response, failure) -> {
            boolean badToken = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            badToken ? "The bearer token is invalid or expired." : "Sign in with a bearer token."));
        };
    }

    @Bean
    AccessDeniedHandler problemAccessDenied(ProblemWriter problems) {
        return (request, response, failure) ->
                problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "Your role may not do this."));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = Map.of(
                "argon2",
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt",
                new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }
}
