-- Accounts. Erasure (GDPR) nulls the personal columns and keeps the row, so organizers'
-- books and other modules' references stay intact.
create table account (
    id            uuid primary key,
    email         text,
    password_hash text,
    display_name  text,
    roles         text[] not null check (cardinality(roles) > 0),
    created_at    timestamptz not null,
    erased_at     timestamptz,
    check ((erased_at is null) = (email is not null and password_hash is not null and display_name is not null))
);

-- Emails are stored lower-cased by the application; one live account per email.
create unique index account_email_key on account (email) where email is not null;
