package io.boxoffice.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP conventions of the API.
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413
 * @param compressionMinSize responses smaller than this are sent uncompressed
 */
@ConfigurationProperties("boxoffice.http")
record WebSettings(
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("1KB") DataSize compressionMinSize) {}
