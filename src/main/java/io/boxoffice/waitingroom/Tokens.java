package io.boxoffice.waitingroom;

import io.boxoffice.waitingroom.TokenRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import org.springframework.stereotype.Component;

/**
 * Signs and checks queue and admission tokens: {@code keyId.payload.mac}, the payload readable
 * text, the MAC the first 16 bytes of its HMAC-SHA256 under the named key. Checking one is a
 * hash and a comparison: no database, no Redis, on any node.
 */
@Component
class Tokens {

    /** A place in a room: the arrival number, and the place it was drawn (-1 before the draw). */
    record QueueToken(UUID eventId, UUID accountId, int arrival, int position, Instant issuedAt) {}

    /** Leave to order from an event until {@code expiresAt}. */
    record AdmissionToken(UUID eventId, UUID accountId, Instant expiresAt) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final int MAX_LENGTH = 512;

    private final TokenKeys keys;

    Tokens(TokenKeys keys) {
        this.keys = keys;
    }

    String sign(QueueToken token) {
        return sign("q|" + token.eventId() + "|" + token.accountId() + "|" + token.arrival() + "|" + token.position()
                + "|" + token.issuedAt().getEpochSecond());
    }

    String sign(AdmissionToken token) {
        return sign("a|" + token.eventId() + "|" + token.accountId() + "|"
                + token.expiresAt().getEpochSecond());
    }

    /** The queue token, if it is genuine and names this event and account. */
    QueueToken queue(String token, UUID eventId, UUID accountId) {
        String[] fields = verified(token, "q", 6, TokenRefused::queue);
        try {
            QueueToken queue = new QueueToken(
                    UUID.fromString(fields[1]),
                    UUID.fromString(fields[2]),
                    Integer.parseInt(fields[3]),
                    Integer.parseInt(fields[4]),
                    Instant.ofEpochSecond(Long.parseLong(fields[5])));
            check(queue.eventId(), queue.accountId(), eventId, accountId, TokenRefused::queue);
            return queue;
        } catch (IllegalArgumentException e) { // a genuine signature over fields we never write
            throw TokenRefused.queue(Reason.MALFORMED);
        }
    }

    /** The admission token, if it is genuine, names this event and account and has not expired at {@code now}. */
    AdmissionToken admission(String token, UUID eventId, UUID accountId, Instant now) {
        String[] fields = verified(token, "a", 4, TokenRefused::admission);
        AdmissionToken admission;
        try {
            admission = new AdmissionToken(
                    UUID.fromString(fields[1]),
                    UUID.fromString(fields[2]),
                    Instant.ofEpochSecond(Long.parseLong(fields[3])));
        } catch (IllegalArgumentException e) {
            throw TokenRefused.admission(Reason.MALFORMED);
        }
        check(admission.eventId(), admission.accountId(), eventId, accountId, TokenRefused::admission);
        if (!now.isBefore(admission.expiresAt())) {
            throw TokenRefused.admission(Reason.EXPIRED);
        }
        return admission;
    }

    private static void check(
            UUID eventId,
            UUID accountId,
            UUID expectedEvent,
            UUID expectedAccount,
            java.util.function.Function<Reason, TokenRefused> refusal) {
        if (!eventId.equals(expectedEvent)) {
            throw refusal.apply(Reason.OTHER_EVENT);
        }
        if (!accountId.equals(expectedAccount)) {
            throw refusal.apply(Reason.OTHER_ACCOUNT);
        }
    }

    private String sign(String payload) {
        String keyId = keys.signingId();
        String signed = keyId + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(keys.mac(keyId), signed));
    }

    private String[] verified(
            String token, String kind, int fieldCount, java.util.function.Function<Reason, TokenRefused> refusal) {
        if (token.isBlank()) {
            throw refusal.apply(Reason.MISSING);
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (token.length() > MAX_LENGTH || first <= 0 || last == first) {
            throw refusal.apply(Reason.MALFORMED);
        }
        Mac key = keys.mac(token.substring(0, first));
        byte[] presented;
        String payload;
        try {
            presented = DECODER.decode(token.substring(last + 1));
            payload = new String(DECODER.decode(token.substring(first + 1, last)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refusal.apply(Reason.MALFORMED);
        }
        if (key == null || !MessageDigest.isEqual(presented, mac(key, token.substring(0, last)))) {
            throw refusal.apply(Reason.FORGED);
        }
        String[] fields = payload.split("\\|", -1);
        if (fields.length != fieldCount || !fields[0].equals(kind)) {
            throw refusal.apply(Reason.MALFORMED);
        }
        return fields;
    }

    private static byte[] mac(Mac mac, String signed) {
        return Arrays.copyOf(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
    }
}
