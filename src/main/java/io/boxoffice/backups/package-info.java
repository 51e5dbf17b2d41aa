/**
 * Backups: runs the seeds' backup schedule (daily full, hourly incremental, a monthly full to the
 * long-term repository, a monthly restore test) through the backup command of the database hosts
 * ({@code bin/pg-backup}, pgBackRest underneath), records every run, and exports how fresh the
 * backups and the WAL archive are. Off unless {@code boxoffice.backups.enabled}; the archive's
 * metrics are exported whenever the primary archives WAL.
 */
@ApplicationModule(
        displayName = "Backups",
        allowedDependencies = {"jobs", "platform", "platform::database", "platform::id", "platform::jdbc"})
package io.boxoffice.backups;

import org.springframework.modulith.ApplicationModule;
