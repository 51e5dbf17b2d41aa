package io.boxoffice.backups;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What the backup schedule runs next, from when each kind last succeeded: one run at a time, the
 * most protective first. A full when the last is older than {@code fullEvery} (or there is none);
 * then the month's long-term full if this UTC month has none; then an incremental when the last
 * backup of any kind is older than {@code incrementalEvery}; then a restore test when the last
 * successful one is older than {@code restoreTestEvery}. Nothing else is due until a full exists.
 */
record BackupSchedule(Duration fullEvery, Duration incrementalEvery, Duration restoreTestEvery) {

    static BackupSchedule of(BackupSettings settings) {
        return new BackupSchedule(settings.fullEvery(), settings.incrementalEvery(), settings.restoreTestEvery());
    }

    /** The run due at {@code now}, given each kind's last success; empty when nothing is. */
    Optional<BackupKind> due(Instant now, Map<BackupKind, Instant> lastSuccess) {
        Instant full = lastSuccess.get(BackupKind.FULL);
        if (full == null || olderThan(full, now, fullEvery)) {
            return Optional.of(BackupKind.FULL);
        }
        Instant monthly = lastSuccess.get(BackupKind.MONTHLY);
        if (monthly == null || !month(monthly).equals(month(now))) {
            return Optional.of(BackupKind.MONTHLY);
        }
        Instant latest = full;
        for (BackupKind kind : new BackupKind[] {BackupKind.DIFF, BackupKind.INCREMENTAL}) {
            Instant at = lastSuccess.get(kind);
            if (at != null && at.isAfter(latest)) {
                latest = at;
            }
        }
        if (olderThan(latest, now, incrementalEvery)) {
            return Optional.of(BackupKind.INCREMENTAL);
        }
        Instant restoreTest = lastSuccess.get(BackupKind.RESTORE_TEST);
        if (restoreTest == null || olderThan(restoreTest, now, restoreTestEvery)) {
            return Optional.of(BackupKind.RESTORE_TEST);
        }
        return Optional.empty();
    }

    private static boolean olderThan(Instant at, Instant now, Duration age) {
        return !at.plus(age).isAfter(now);
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }
}
