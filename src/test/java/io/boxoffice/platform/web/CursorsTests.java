package io.boxoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.boxoffice.platform.domain.InvalidInput;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cursors round-trip their parts and refuse anything the API did not issue. */
@Tag("fast")
class CursorsTests {

    @Test
    void roundTripsItsParts() {
        String cursor = Cursors.encode("2027-05-01T19:00:00Z", "01a209da-f08b-7478-8a2b-e5e3651e967e");
        assertThat(Cursors.decode(cursor, 2))
                .containsExactly("2027-05-01T19:00:00Z", "01a209da-f08b-7478-8a2b-e5e3651e967e");
        assertThat(cursor).doesNotContain("=", "+", "/");
    }

    @Test
    void refusesForeignCursors() {
        assertThatThrownBy(() -> Cursors.decode("%%%", 2)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Cursors.decode(Cursors.encode("a", "b", "c"), 2))
                .isInstanceOf(InvalidInput.class);
        assertThat(Cursors.decode(null, 2)).isNull();
    }

    @Test
    void boundsThePageSize() {
        assertThat(Cursors.limit(null)).isEqualTo(20);
        assertThat(Cursors.limit(100)).isEqualTo(100);
        assertThatThrownBy(() -> Cursors.limit(0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Cursors.limit(101)).isInstanceOf(InvalidInput.class);
    }
}
