package io.boxoffice.platform.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP conventions of the API.
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413
 * @param compressionMinSize responses smaller than this are sent uncompressed
 */
@ConfigurationProperties("boxoffice.http")
@Validated
record WebSettings(
        @DefaultValue("256KB") @NotNull DataSize maxBodySize,
        @DefaultValue("1KB") @NotNull DataSize compressionMinSize) {

    WebSettings {
        // no Bean Validation constraint reads a DataSize: the bounds are checked here, naming the property
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("boxoffice.http.max-body-size must be at least 1B, not " + maxBodySize);
        }
        if (compressionMinSize.toBytes() < 0) {
            throw new IllegalArgumentException(
                    "boxoffice.http.compression-min-size must not be negative, not " + compressionMinSize);
        }
    }
}
