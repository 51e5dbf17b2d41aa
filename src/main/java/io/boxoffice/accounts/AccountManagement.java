package io.boxoffice.accounts;

import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.ratelimit.RateLimits;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Forbidden;
import io.boxoffice.platform.security.Role;
import io.boxoffice.platform.security.SecuritySettings;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's facade: sign-up, sign-in, the caller's own data, and erasure. */
@Service
public class AccountManagement {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final JwtEncoder jwt;
    private final SecuritySettings security;
    private final List<PersonalDataSource> personalData;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final AccountAccess access;
    /** A hash to check unknown emails against, at a real check's cost; made on first use, off the start-up path. */
    private volatile @Nullable String dummyHash;

    AccountManagement(
            Accounts accounts,
            PasswordEncoder passwords,
            JwtEncoder jwt,
            SecuritySettings security,
            List<PersonalDataSource> personalData,
            ApplicationEventPublisher events,
            Clock clock,
            RateLimits rateLimits,
            AccountAccess access) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.jwt = jwt;
        this.security = security;
        this.personalData = personalData;
        this.events = events;
        this.clock = clock;
        this.rateLimits = rateLimits;
        this.access = access;
    }

    /** Signs up a new attendee or organizer. */
    @Transactional
    public Account register(NewAccount request) {
        return create(
                request.email(), request.password(), request.displayName(), AccountRules.signUpRole(request.role()));
    }

    /** Creates the administrator named in the configuration unless an account with that email exists. */
    @Transactional
    void ensureAdmin(String email, String password) {
        if (accounts.findByEmail(AccountRules.normalizeEmail(email)).isEmpty()) {
            try {
                create(email, password, "Administrator", Role.ADMIN);
            } catch (EmailTaken raced) {
                // another node created it at the same moment
            }
        }
    }

    private Account create(String email, String password, String displayName, Role role) {
        Account account = new Account(
                Ids.newId(clock), AccountRules.normalizeEmail(email), displayName.strip(), Set.of(role), now());
        if (!accounts.insert(account, passwords.encode(password))) {
            throw new EmailTaken();
        }
        return account;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) { // two threads may both make one: either is as good
            hash = passwords.encode("not-a-password-of-anyone");
            dummyHash = hash;
        }
        return hash;
    }

    /** Checks the credentials (on the primary: a password just changed must count) and issues a bearer token. */
    public AccessToken issueToken(String email, String password) {
        rateLimits.signInAttempt(email == null ? "" : email);
        var credentials = accounts.findByEmail(AccountRules.normalizeEmail(email));
        if (credentials.isEmpty()) {
            passwords.matches(password == null ? "" : password, dummyHash()); // same cost as a real check
            throw new BadCredentials();
        }
        if (password == null || !passwords.matches(password, credentials.get().passwordHash())) {
            throw new BadCredentials();
        }
        return sign(credentials.get().account());
    }

    private AccessToken sign(Account account) {
        JwtClaimsSet claims = AccountRules.claims(account, security.issuer(), now(), security.tokenTtl());
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = jwt.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, security.tokenTtl().toSeconds());
    }

    /**
     * Gives an account its roles (administrators only, checked by the caller's role here too): the
     * way an account becomes a PARTNER. Tokens issued before carry the new roles at once, on every node.
     */
    @Transactional
    public Account setRoles(Caller caller, UUID id, Set<Role> roles) {
        Forbidden.unlessRole(caller, Role.ADMIN);
        if (!accounts.setRoles(id, AccountRules.grantable(roles))) {
            throw new AccountNotFound();
        }
        access.changed(id);
        return DatabaseRouting.onPrimary(() -> accounts.findLive(id)).orElseThrow(AccountNotFound::new);
    }

    /** The live account with this id. */
    @Transactional(readOnly = true)
    public Account get(UUID id) {
        return accounts.findLive(id).orElseThrow(AccountNotFound::new);
    }

    /** The live account with this id, read on the primary; empty once erased. */
    public Optional<Account> find(UUID id) {
        return DatabaseRouting.onPrimary(() -> accounts.findLive(id));
    }

    /** Everything Boxoffice holds about the account, from every module that holds some. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(UUID id) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", now());
        export.put("account", get(id));
        personalData.forEach(source -> export.put(source.section(), source.exportFor(id)));
        return export;
    }

    /** Erases the account's personal data; its tokens stop working at once. */
    @Transactional
    public void erase(UUID id) {
        if (!accounts.erase(id, now())) {
            throw new AccountNotFound();
        }
        access.changed(id);
    }

    private Instant now() {
        return clock.instant();
    }
}
