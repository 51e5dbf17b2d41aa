package io.boxoffice.fuzz;

import io.boxoffice.support.Api;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Who sends a fuzzed request, and the bearer tokens that are wrong in every way a token can be. */
final class Callers {

    /** The callers every operation is tried as. */
    enum Kind {
        ANONYMOUS,
        ATTENDEE,
        ORGANIZER,
        OTHER_ORGANIZER,
        ADMIN,
        /** signed with another key */
        FORGED,
        /** signed with the node's key, expired an hour ago */
        EXPIRED,
        /** signed with the node's key, for an account that does not exist */
        UNKNOWN_ACCOUNT,
        /** signed with the node's key, by another issuer */
        WRONG_ISSUER,
        /** {@code alg: none} */
        UNSIGNED,
        /** not a JWT at all */
        GARBAGE
    }

    private Callers() {}

    /** An HS256 token with these claims, signed with {@code secret}. */
    static String token(String secret, Map<String, Object> claims) {
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = encode(Api.JSON.writeValueAsString(claims));
        return header + "." + payload + "." + sign(secret, header + "." + payload);
    }

    /** The claims Boxoffice's own tokens carry, for {@code accountId}, valid from now for an hour. */
    static Map<String, Object> claims(String issuer, String accountId, Instant expires) {
        return Map.of(
                "iss", issuer,
                "sub", accountId,
                "iat", expires.minusSeconds(3600).getEpochSecond(),
                "exp", expires.getEpochSecond(),
                "roles", List.of("ADMIN", "ORGANIZER"));
    }

    static String unsigned(String accountId) {
        return encode("{\"alg\":\"none\"}") + "."
                + encode(Api.JSON.writeValueAsString(
                        claims("boxoffice", accountId, Instant.now().plusSeconds(600))))
                + ".";
    }

    static String randomAccount() {
        return UUID.randomUUID().toString();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
