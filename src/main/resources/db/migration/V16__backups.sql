-- One row per run of the backup schedule (a backup, or a restore test), written before the run
-- starts and again when it ends: the backups' freshness that the metrics and alerts read, and
-- the history an operator looks at. The tool's own record (pgBackRest's info) stays the truth
-- about what the repositories hold.
create table backup_run (
    id          uuid primary key,
    kind        text not null check (kind in ('FULL', 'DIFF', 'INCREMENTAL', 'MONTHLY', 'RESTORE_TEST')),
    started_at  timestamptz not null,
    finished_at timestamptz,
    outcome     text not null check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    detail      text
);

-- the last success of each kind
create index backup_run_kind_idx on backup_run (kind, finished_at desc) where outcome = 'SUCCEEDED';
