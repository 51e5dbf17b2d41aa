package io.boxoffice.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;

/**
 * Job data is text (an id, or a little JSON), stored as UTF-8 so an operator can read it in the
 * table and the dead letters, and so a job can be enqueued with plain SQL.
 */
final class TextSerializer implements Serializer {

    @Override
    public byte[] serialize(Object data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof String text)) {
            throw new IllegalArgumentException(
                    "job data must be text, not " + data.getClass().getName());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] data) {
        if (data == null || type == Void.class) {
            return null;
        }
        return type.cast(new String(data, StandardCharsets.UTF_8));
    }
}
