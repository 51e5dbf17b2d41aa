package io.boxoffice.platform.web;

import java.io.IOException;

/** Raised while reading a request body that grows past the configured limit. */
final class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
