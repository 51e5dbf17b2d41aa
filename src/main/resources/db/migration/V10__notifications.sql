-- One row per email Boxoffice sent (or is sending): the send and this row's insert commit
-- together, so a job that runs again after a successful send finds the row and sends nothing.
create table sent_email (
    kind       text not null,
    subject_id uuid not null,
    message_id text not null,
    sent_at    timestamptz not null,
    primary key (kind, subject_id)
);
