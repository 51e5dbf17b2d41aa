-- Search that forgives accents and typos. "munchen" finds München and "senor" Señor: the listing's
-- document is built with text search configurations that strip accents (the unaccent dictionary
-- before the English stemmer), and queries are parsed with the same ones. "orchestar" finds
-- Orchestra: a query of plain words also matches titles holding a word similar to it (pg_trgm's
-- word similarity, on the title folded to lower case without accents), through a trigram index.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

create text search configuration boxoffice_english (copy = english);
alter text search configuration boxoffice_english
    alter mapping for hword, hword_part, word with unaccent, english_stem;
create text search configuration boxoffice_simple (copy = simple);
alter text search configuration boxoffice_simple
    alter mapping for hword, hword_part, word with unaccent, simple;

-- lower case, accents stripped; immutable (the dictionary named, not looked up), so it can be indexed
create function search_fold(text) returns text
    language sql immutable strict parallel safe
    return lower(public.unaccent('public.unaccent'::regdictionary, $1));

alter table event_listing drop column document;
alter table event_listing add column document tsvector generated always as (
    setweight(to_tsvector('boxoffice_english', title), 'A')
    || setweight(to_tsvector('boxoffice_simple', city), 'A')
    || setweight(to_tsvector('boxoffice_simple', venue_name), 'B')
    || setweight(to_tsvector('boxoffice_english', description), 'C')) stored;
create index event_listing_document_idx on event_listing using gin (document);
create index event_listing_title_trgm_idx on event_listing using gin (search_fold(title) gin_trgm_ops);
