package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Consistency-Tokens across a failover. A token names a position on the timeline of the primary
 * that wrote it; once a promotion starts a new timeline, a token from an earlier one asks for no
 * more than the first position seen on the new one (everything acknowledged before the failover
 * lies before it), never for a position only the lost history reached.
 */
class TimelinesTests {

    @Test
    void tokensCarryTheirTimelineAndOldOnesStillRead() {
        ConsistencyToken token = new ConsistencyToken(3, Lsn.parse("16/B374D848"));
        assertThat(token.text()).isEqualTo("0000000300000016b374d848");
        assertThat(ConsistencyToken.parse(token.text())).isEqualTo(token);
        assertThat(ConsistencyToken.parse("00000016b374d848"))
                .isEqualTo(new ConsistencyToken(0, Lsn.parse("16/B374D848")));
        assertThat(ConsistencyToken.parse("0000000300000016b374d84")).isNull();
        assertThat(ConsistencyToken.parse("zz00000300000016b374d848")).isNull();
        assertThat(ConsistencyToken.parse("ffffffff00000016b374d848")).isNull();
        assertThat(ConsistencyToken.parse("")).isNull();
    }

    @Test
    void aTokenFromAnEarlierTimelineIsHeldToTheStartOfTheCurrentOne() {
        Timelines timelines = new Timelines();
        timelines.observe(1, Lsn.parse("0/5000000"));
        timelines.observe(1, Lsn.parse("0/6000000"));
        Lsn lostWrite = Lsn.parse("0/6100000"); // written on timeline 1 after the branch point
        ConsistencyToken old = timelines.token(lostWrite);
        assertThat(old.timeline()).isEqualTo(1);
        assertThat(timelines.required(old)).isEqualTo(lostWrite);

        timelines.observe(2, Lsn.parse("0/6080000")); // promoted: timeline 2, first seen here
        assertThat(timelines.current()).isEqualTo(2);
        assertThat(timelines.required(old)).isEqualTo(Lsn.parse("0/6080000"));
        // an old token below the new timeline's start keeps its own position
        ConsistencyToken early = new ConsistencyToken(1, Lsn.parse("0/5800000"));
        assertThat(timelines.required(early)).isEqualTo(Lsn.parse("0/5800000"));
        // tokens of the current timeline, and timeline-less ones, are what they say
        ConsistencyToken fresh = timelines.token(Lsn.parse("0/7000000"));
        assertThat(fresh.timeline()).isEqualTo(2);
        assertThat(timelines.required(fresh)).isEqualTo(Lsn.parse("0/7000000"));
        assertThat(timelines.required(new ConsistencyToken(0, Lsn.parse("0/7100000"))))
                .isEqualTo(Lsn.parse("0/7100000"));
        // a later reading on an older timeline (a stale server) changes nothing
        timelines.observe(1, Lsn.parse("0/9000000"));
        assertThat(timelines.current()).isEqualTo(2);
        assertThat(timelines.required(old)).isEqualTo(Lsn.parse("0/6080000"));
    }

    @Test
    void theTimelineIsReadFromAWalFileName() {
        assertThat(Timelines.ofWalFile("000000010000000000000003")).isEqualTo(1);
        assertThat(Timelines.ofWalFile("0000000A0000000000000003")).isEqualTo(10);
    }
}
