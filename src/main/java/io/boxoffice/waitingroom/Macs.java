package io.boxoffice.waitingroom;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 instances made once per key and copied per use: a copy of an initialized {@link Mac}
 * costs a fraction of looking up the provider and initializing a new one, which a poll did four times.
 */
final class Macs {

    private Macs() {}

    /** A Mac initialized with {@code key}, to {@link #copy} from. */
    static Mac initialized(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A fresh copy of {@code prototype}, for one thread's use. */
    static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
        }
    }
}
