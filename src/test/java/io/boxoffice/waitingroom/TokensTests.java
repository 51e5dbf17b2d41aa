package io.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Queue and admission tokens: what they hold, and every way one can fail to, key rotation included. */
@Tag("fast")
class TokensTests {

    private static final String OLD = "old:" + "o".repeat(32);
    private static final String NEW = "new:" + "n".repeat(32);
    private static final Instant NOW = Instant.parse("2027-05-01T10:00:00Z");
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID BUYER = UUID.randomUUID();

    @Test
    void keepsAdmittingWithTheOldKeyUntilItIsDropped() {
        String signedBefore = tokens(OLD).sign(new Tokens.AdmissionToken(EVENT, BUYER, NOW.plusSeconds(600)));
        Tokens rotated = tokens(NEW, OLD);
        String signedAfter = rotated.sign(new Tokens.AdmissionToken(EVENT, BUYER, NOW.plusSeconds(600)));

        assertThat(signedAfter).startsWith("new.");
        assertThat(rotated.admission(signedBefore, EVENT, BUYER, NOW).expiresAt())
                .isEqualTo(NOW.plusSeconds(600));
        assertRefused(() -> tokens(NEW).admission(signedBefore, EVENT, BUYER, NOW), TokenRefused.Reason.FORGED);
    }

    @Test
    void refusesAnAdmissionThatRanOutOrIsSomeoneElses() {
        Tokens tokens = tokens(NEW);
        String admission = tokens.sign(new Tokens.AdmissionToken(EVENT, BUYER, NOW.plusSeconds(60)));

        assertRefused(
                () -> tokens.admission(admission, EVENT, BUYER, NOW.plus(Duration.ofSeconds(60))),
                TokenRefused.Reason.EXPIRED);
        assertRefused(
                () -> tokens.admission(admission, EVENT, UUID.randomUUID(), NOW), TokenRefused.Reason.OTHER_ACCOUNT);
        assertRefused(
                () -> tokens.admission(admission, UUID.randomUUID(), BUYER, NOW), TokenRefused.Reason.OTHER_EVENT);
        assertRefused(() -> tokens.admission("", EVENT, BUYER, NOW), TokenRefused.Reason.MISSING);
        assertRefused(() -> tokens.admission("new.???.mac", EVENT, BUYER, NOW), TokenRefused.Reason.MALFORMED);
    }

    @Test
    void refusesAPayloadChangedUnderItsSignature() {
        Tokens tokens = tokens(NEW);
        String queue = tokens.sign(new Tokens.QueueToken(EVENT, BUYER, 41, 7, NOW));
        String[] parts = queue.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String earlier = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("|41|7|", "|0|0|").getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.queue(queue, EVENT, BUYER).position()).isEqualTo(7);
        assertRefused(
                () -> tokens.queue(parts[0] + "." + earlier + "." + parts[2], EVENT, BUYER),
                TokenRefused.Reason.FORGED);
    }

    @Test
    void neverTakesOneKindOfTokenForTheOther() {
        Tokens tokens = tokens(NEW);
        String queue = tokens.sign(new Tokens.QueueToken(EVENT, BUYER, 1, 1, NOW));

        assertRefused(() -> tokens.admission(queue, EVENT, BUYER, NOW), TokenRefused.Reason.MALFORMED);
    }

    private static Tokens tokens(String... keys) {
        WaitingRoomSettings settings = new WaitingRoomSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20),
                20,
                List.of(keys),
                true);
        return new Tokens(new TokenKeys(settings, null));
    }

    private static void assertRefused(Runnable check, TokenRefused.Reason reason) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(
                        TokenRefused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
