package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.Lsn;

/**
 * The Redis keys of one cache, all under {@code boxoffice:cache:<name>:}. A value lives under its
 * generation ({@code <generation>:<key>}), so a new generation leaves every older value unread
 * until it expires; a key's invalidation floor ({@code floor:<key>}), its load lease
 * ({@code lease:<key>}) and the cache's generation ({@code generation}) sit beside the values.
 */
record SharedKeys(String cache) {

    String value(Lsn generation, String key) {
        return prefixed(generation.token() + ":" + key);
    }

    String floor(String key) {
        return prefixed("floor:" + key);
    }

    String lease(String key) {
        return prefixed("lease:" + key);
    }

    String generation() {
        return prefixed("generation");
    }

    private String prefixed(String suffix) {
        return "boxoffice:cache:" + cache + ":" + suffix;
    }
}
