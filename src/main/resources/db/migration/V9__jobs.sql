-- The job queue: db-scheduler's table, one row per pending job (a one-time job until it has
-- run, a recurring job forever). Workers claim due rows with one UPDATE ... FOR UPDATE SKIP
-- LOCKED, highest priority first, then oldest. A job caused by a business write is inserted in
-- that write's transaction, so it exists exactly when the write committed.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_due_first on scheduled_tasks (priority desc, execution_time asc) where not picked;

-- Jobs that failed their last allowed attempt, kept with what an operator needs to decide:
-- the payload, how often it ran and the last error. Moved here from scheduled_tasks in one
-- statement; a replay moves it back the same way.
create table dead_job (
    id            uuid primary key,
    task_name     text not null,
    task_instance text not null,
    task_data     bytea,
    priority      smallint not null,
    attempts      integer not null,
    last_error    text not null,
    died_at       timestamptz not null
);

create index dead_job_died_at on dead_job (died_at desc, id desc);
