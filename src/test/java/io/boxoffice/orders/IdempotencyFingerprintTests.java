package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.platform.domain.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What an Idempotency-Key is bound to: the operation and the fields that decide the request. */
@Tag("fast")
class IdempotencyFingerprintTests {

    @Test
    void theSameFieldsGiveTheSameFingerprintAndAnyChangeAnother() {
        String pay = IdempotencyKeys.fingerprint("POST /pay", List.of("test_ok"));
        assertThat(IdempotencyKeys.fingerprint("POST /pay", List.of("test_ok"))).isEqualTo(pay);
        assertThat(IdempotencyKeys.fingerprint("POST /pay", List.of("test_declined")))
                .isNotEqualTo(pay);
        assertThat(IdempotencyKeys.fingerprint("POST /other", List.of("test_ok")))
                .isNotEqualTo(pay);
        assertThat(pay).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void fieldsCannotRunIntoEachOther() {
        assertThat(IdempotencyKeys.fingerprint("op", List.of("ab", "c")))
                .isNotEqualTo(IdempotencyKeys.fingerprint("op", List.of("a", "bc")));
        assertThat(IdempotencyKeys.fingerprint("op", List.of("a\n1:b")))
                .isNotEqualTo(IdempotencyKeys.fingerprint("op", List.of("a", "b")));
    }

    @Test
    void aKeyIsOneTo255Characters() {
        IdempotencyKeys.checkKey(null);
        IdempotencyKeys.checkKey("k".repeat(255));
        assertThatThrownBy(() -> IdempotencyKeys.checkKey("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdempotencyKeys.checkKey("k".repeat(256))).isInstanceOf(InvalidInput.class);
    }
}
