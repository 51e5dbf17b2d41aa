package io.boxoffice.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.platform.domain.FieldError;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/** The accounts' rules without Spring or a database: sign-up roles, one account per address, grants, tokens. */
@Tag("fast")
class AccountRulesTests {

    private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

    @Property
    void onlyAttendeesAndOrganizersSignThemselvesUp(@ForAll Role role) {
        if (role == Role.ATTENDEE || role == Role.ORGANIZER) {
            assertThat(AccountRules.signUpRole(role)).isEqualTo(role);
        } else {
            assertThatThrownBy(() -> AccountRules.signUpRole(role))
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).fieldErrors())
                            .extracting(FieldError::field)
                            .containsExactly("role"));
        }
    }

    /**
     * ASCII addresses, which are what the rule promises: Java's case mappings are not a full Unicode
     * case fold ("ß" upper-cases to "SS", "ǰ" to a J and a combining caron), so an address with such
     * letters is one account only in the case it was signed up with.
     */
    @Property
    void anAsciiAddressIsOneAccountWhateverItsCaseOrSpacing(
            @ForAll @StringLength(min = 1, max = 60) @Chars({'.', '_', '+', '-'}) @AlphaChars @NumericChars
                    String local) {
        String email = local + "@Example.ORG";
        String normalized = AccountRules.normalizeEmail("  " + email.toUpperCase(java.util.Locale.ROOT) + "\t");
        assertThat(normalized).isEqualTo(AccountRules.normalizeEmail(email));
        assertThat(AccountRules.normalizeEmail(normalized))
                .as("normalizing twice changes nothing")
                .isEqualTo(normalized);
        assertThat(normalized).doesNotStartWithWhitespaces().endsWith("@example.org");
    }

    @Example
    void noAddressIsTheEmptyAddress() {
        assertThat(AccountRules.normalizeEmail(null)).isEmpty();
    }

    @Example
    void anAdministratorGivesAtLeastOneRole() {
        assertThat(AccountRules.grantable(EnumSet.of(Role.PARTNER, Role.ATTENDEE)))
                .containsExactlyInAnyOrder(Role.PARTNER, Role.ATTENDEE);
        for (Set<Role> none : java.util.Arrays.asList(Set.<Role>of(), null)) {
            assertThatThrownBy(() -> AccountRules.grantable(none))
                    .isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).fieldErrors())
                            .extracting(FieldError::field)
                            .containsExactly("roles"));
        }
    }

    @Example
    void aTokenNamesTheAccountByIdWithItsRolesSortedForItsLifetime() {
        Account account = new Account(
                UUID.fromString("0190d8a0-0000-7000-8000-000000000001"),
                "buyer@example.org",
                "Buyer",
                EnumSet.of(Role.ORGANIZER, Role.ATTENDEE),
                NOW);
        JwtClaimsSet first = AccountRules.claims(account, "https://boxoffice.test", NOW, Duration.ofHours(1));
        JwtClaimsSet second = AccountRules.claims(account, "https://boxoffice.test", NOW, Duration.ofHours(1));
        assertThat(first.getSubject()).isEqualTo(account.id().toString());
        assertThat(first.getClaims().values()).doesNotContain(account.email());
        assertThat(first.getClaimAsStringList("roles")).isEqualTo(List.of("ATTENDEE", "ORGANIZER"));
        assertThat(first.getIssuedAt()).isEqualTo(NOW);
        assertThat(first.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(first.getId()).isNotEqualTo(second.getId());
    }
}
