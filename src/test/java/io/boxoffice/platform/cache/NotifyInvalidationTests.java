package io.boxoffice.platform.cache;

import java.util.List;

/** Without Redis: each node has its near cache only, and invalidations travel by LISTEN/NOTIFY. */
class NotifyInvalidationTests extends CrossNodeCacheTests {

    @Override
    protected List<String> nodeArguments() {
        return List.of();
    }

    @Override
    protected int databaseLoadsForTwoNodes() {
        return 2;
    }
}
