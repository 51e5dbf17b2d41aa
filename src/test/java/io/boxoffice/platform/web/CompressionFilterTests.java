package io.boxoffice.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The encoding chosen for each {@code Accept-Encoding} a client may send. */
@Tag("fast")
class CompressionFilterTests {

    @Test
    void prefersBrotliThenGzip() {
        assertThat(CompressionFilter.chooseEncoding("gzip, deflate, br")).contains("br");
        assertThat(CompressionFilter.chooseEncoding("gzip")).contains("gzip");
        assertThat(CompressionFilter.chooseEncoding("*")).contains("br");
    }

    @Test
    void honoursQualityZeroAndUnknownCodings() {
        assertThat(CompressionFilter.chooseEncoding("br;q=0, gzip;q=0.5")).contains("gzip");
        assertThat(CompressionFilter.chooseEncoding("gzip;q=0")).isEmpty();
        assertThat(CompressionFilter.chooseEncoding("identity")).isEmpty();
        assertThat(CompressionFilter.chooseEncoding("zstd")).isEmpty();
        assertThat(CompressionFilter.chooseEncoding(null)).isEmpty();
    }
}
