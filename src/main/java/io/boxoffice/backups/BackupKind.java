package io.boxoffice.backups;

/** What one run of the backup schedule does, and the word the backup command knows it by. */
enum BackupKind {
    /** A full backup to the daily repositories (this region and the second). */
    FULL("full"),
    /** The changes since the last full backup. */
    DIFF("diff"),
    /** The changes since the last backup of any kind. */
    INCREMENTAL("incr"),
    /** A full backup to the long-term repository, twelve kept. */
    MONTHLY("monthly"),
    /** The latest backup restored to a scratch directory and checked. */
    RESTORE_TEST("restore-test");

    private final String command;

    BackupKind(String command) {
        this.command = command;
    }

    /** The backup command's argument, also the metrics' {@code type} tag. */
    String command() {
        return command;
    }
}
