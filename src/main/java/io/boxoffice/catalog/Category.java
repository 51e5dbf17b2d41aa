package io.boxoffice.catalog;

/** What kind of event it is, for browsing and filtering. */
public enum Category {
    MUSIC,
    SPORTS,
    THEATRE,
    COMEDY,
    CONFERENCE,
    FESTIVAL,
    FAMILY,
    FILM,
    OTHER
}
