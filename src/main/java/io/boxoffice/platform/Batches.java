package io.boxoffice.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/** Requests that queue to be served together: whatever waits when the last batch is done, up to a bound. */
public final class Batches {

    private Batches() {}

    /** Waits for the first item of {@code queue}, then takes those waiting behind it, at most {@code max} in all. */
    public static <T> List<T> next(BlockingQueue<T> queue, int max) throws InterruptedException {
        List<T> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch, max - 1);
        return batch;
    }
}
