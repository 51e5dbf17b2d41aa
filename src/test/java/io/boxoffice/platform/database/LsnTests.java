package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LsnTests {

    @Test
    void readsAndWritesPostgresText() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("0/0").value()).isZero();
        assertThat(Lsn.parse("FFFFFFFF/FFFFFFFF").value()).isEqualTo(-1L);
    }

    @Test
    void refusesWhatIsNotAPosition() {
        assertThatThrownBy(() -> Lsn.parse("16B374D848")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("1/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("100000000/0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensRoundTripAndOnlyTokensAreRead() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.token()).isEqualTo("00000016b374d848");
        assertThat(Lsn.fromToken(lsn.token())).isEqualTo(lsn);
        assertThat(Lsn.fromToken("")).isNull();
        assertThat(Lsn.fromToken("not-a-token")).isNull();
        assertThat(Lsn.fromToken("00000016b374d8480")).isNull(); // 17 digits
    }

    @Test
    void comparesAsUnsignedPositions() {
        Lsn low = Lsn.parse("0/10");
        Lsn high = Lsn.parse("FFFFFFFF/0"); // negative as a signed long
        assertThat(high.atLeast(low)).isTrue();
        assertThat(low.atLeast(high)).isFalse();
        assertThat(Lsn.max(low, high)).isEqualTo(high);
        assertThat(Lsn.max(null, low)).isEqualTo(low);
        assertThat(high.bytesAfter(low)).isEqualTo(0xFFFFFFFF00000000L - 0x10);
        assertThat(low.bytesAfter(high)).isZero();
    }
}
