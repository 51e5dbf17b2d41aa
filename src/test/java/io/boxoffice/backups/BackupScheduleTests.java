package io.boxoffice.backups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

/** The seeds' schedule: a daily full, the month's long-term full, an hourly incremental, a monthly restore test. */
@Tag("fast")
class BackupScheduleTests {

    private static final BackupSchedule SEEDS =
            new BackupSchedule(Duration.ofHours(24), Duration.ofHours(1), Duration.ofDays(30));
    private static final Instant NOW = Instant.parse("2026-12-05T10:30:00Z");

    @Example
    void aClusterWithNoBackupGetsAFullOneFirst() {
        assertThat(SEEDS.due(NOW, Map.of())).contains(BackupKind.FULL);
        // a restore test or an incremental needs a full backup to exist
        assertThat(SEEDS.due(NOW, Map.of(BackupKind.RESTORE_TEST, NOW, BackupKind.INCREMENTAL, NOW)))
                .contains(BackupKind.FULL);
    }

    @Example
    void aFullDayAfterTheLastFullTheNextIsDue() {
        Map<BackupKind, Instant> last = current();
        last.put(BackupKind.FULL, NOW.minus(Duration.ofHours(24)));
        assertThat(SEEDS.due(NOW, last)).contains(BackupKind.FULL);
        last.put(BackupKind.FULL, NOW.minus(Duration.ofHours(23)));
        assertThat(SEEDS.due(NOW, last)).isEmpty();
    }

    @Example
    void theFirstCheckOfAMonthTakesItsLongTermFull() {
        Map<BackupKind, Instant> last = current();
        last.put(BackupKind.MONTHLY, Instant.parse("2026-11-30T23:59:00Z"));
        assertThat(SEEDS.due(Instant.parse("2026-12-01T00:01:00Z"), last)).contains(BackupKind.MONTHLY);
        last.put(BackupKind.MONTHLY, Instant.parse("2026-12-01T00:02:00Z"));
        assertThat(SEEDS.due(NOW, last)).isEmpty();
    }

    @Example
    void anHourAfterTheLatestBackupOfAnyKindAnIncrementalIsDue() {
        Map<BackupKind, Instant> last = current();
        last.put(BackupKind.FULL, NOW.minus(Duration.ofHours(5)));
        last.put(BackupKind.INCREMENTAL, NOW.minus(Duration.ofMinutes(61)));
        assertThat(SEEDS.due(NOW, last)).contains(BackupKind.INCREMENTAL);
        last.put(BackupKind.DIFF, NOW.minus(Duration.ofMinutes(10)));
        assertThat(SEEDS.due(NOW, last)).isEmpty();
    }

    @Example
    void aRestoreTestIsDueThirtyDaysAfterTheLastThatSucceeded() {
        Map<BackupKind, Instant> last = current();
        last.remove(BackupKind.RESTORE_TEST);
        assertThat(SEEDS.due(NOW, last)).contains(BackupKind.RESTORE_TEST);
        last.put(BackupKind.RESTORE_TEST, NOW.minus(Duration.ofDays(30)));
        assertThat(SEEDS.due(NOW, last)).contains(BackupKind.RESTORE_TEST);
        last.put(BackupKind.RESTORE_TEST, NOW.minus(Duration.ofDays(29)));
        assertThat(SEEDS.due(NOW, last)).isEmpty();
    }

    /** Whatever the history, following the schedule keeps every backup within its age. */
    @Property
    void runningWhatIsDueUntilNothingIsLeavesEveryKindFresh(
            @ForAll @LongRange(min = 0, max = 90 * 24 * 60) long fullAgeMinutes,
            @ForAll @LongRange(min = 0, max = 90 * 24 * 60) long incrementalAgeMinutes,
            @ForAll @LongRange(min = 0, max = 400 * 24 * 60) long monthlyAgeMinutes,
            @ForAll @LongRange(min = 0, max = 400 * 24 * 60) long restoreTestAgeMinutes) {
        Map<BackupKind, Instant> last = new EnumMap<>(BackupKind.class);
        last.put(BackupKind.FULL, NOW.minus(Duration.ofMinutes(fullAgeMinutes)));
        last.put(BackupKind.INCREMENTAL, NOW.minus(Duration.ofMinutes(incrementalAgeMinutes)));
        last.put(BackupKind.MONTHLY, NOW.minus(Duration.ofMinutes(monthlyAgeMinutes)));
        last.put(BackupKind.RESTORE_TEST, NOW.minus(Duration.ofMinutes(restoreTestAgeMinutes)));
        int runs = 0;
        for (Optional<BackupKind> due = SEEDS.due(NOW, last); due.isPresent(); due = SEEDS.due(NOW, last)) {
            last.put(due.get(), NOW);
            runs++;
        }
        assertThat(runs).isLessThanOrEqualTo(4);
        assertThat(last.get(BackupKind.FULL)).isAfter(NOW.minus(Duration.ofHours(24)));
        assertThat(last.get(BackupKind.MONTHLY)).isAfter(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(last.get(BackupKind.RESTORE_TEST)).isAfter(NOW.minus(Duration.ofDays(30)));
    }

    /** A history in which nothing is due at {@link #NOW}. */
    private static Map<BackupKind, Instant> current() {
        Map<BackupKind, Instant> last = new EnumMap<>(BackupKind.class);
        last.put(BackupKind.FULL, NOW.minus(Duration.ofHours(3)));
        last.put(BackupKind.INCREMENTAL, NOW.minus(Duration.ofMinutes(20)));
        last.put(BackupKind.MONTHLY, NOW.minus(Duration.ofDays(2)));
        last.put(BackupKind.RESTORE_TEST, NOW.minus(Duration.ofDays(3)));
        return last;
    }
}
