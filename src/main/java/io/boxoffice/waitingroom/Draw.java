package io.boxoffice.waitingroom;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The draw of a room's early arrivals: a permutation of {@code [0, size)} seeded by the room's
 * secret seed, so arrival {@code i} (of the {@code size} who came before the on-sale) gets place
 * {@link #position(int)}. It is a four-round Feistel network on the smallest power-of-four domain
 * that holds {@code size}, its round function HMAC-SHA256 of the seed, walked again while it lands
 * outside {@code [0, size)} ("cycle walking", which keeps it a permutation). Nobody can predict a
 * place before the seed is revealed, arriving earlier than the others buys nothing, every node
 * computes the same places without asking anyone, and once the seed is published anyone can check
 * every place against the {@linkplain #commitment(byte[]) commitment} shown before the on-sale.
 */
final class Draw {

    private static final int ROUNDS = 4;

    private final Mac prototype;
    private final int size;
    private final int halfBits;
    private final int halfMask;

    Draw(byte[] seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a draw needs at least one arrival");
        }
        this.prototype = Macs.initialized(new SecretKeySpec(seed, "HmacSHA256"));
        this.size = size;
        int bits = Math.max(2, 32 - Integer.numberOfLeadingZeros(size - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1 << halfBits) - 1;
    }

    /** The place drawn for early arrival {@code arrival}. */
    int position(int arrival) {
        check(arrival);
        Mac mac = mac();
        int x = arrival;
        do {
            x = encrypt(mac, x);
        } while (x >= size);
        return x;
    }

    /** The early arrival drawn to place {@code position}: the inverse of {@link #position(int)}. */
    int arrival(int position) {
        check(position);
        Mac mac = mac();
        int x = position;
        do {
            x = decrypt(mac, x);
        } while (x >= size);
        return x;
    }

    /** What a room shows before its draw: the seed's SHA-256, so the seed cannot be changed afterwards. */
    static String commitment(byte[] seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private int encrypt(Mac mac, int x) {
        int left = x >>> halfBits;
        int right = x & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            int next = left ^ round(mac, round, right);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private int decrypt(Mac mac, int x) {
        int left = x >>> halfBits;
        int right = x & halfMask;
        for (int round = ROUNDS - 1; round >= 0; round--) {
            int previous = right ^ round(mac, round, left);
            right = left;
            left = previous;
        }
        return (left << halfBits) | right;
    }

    private int round(Mac mac, int round, int half) {
        byte[] input = {
            (byte) round,
            (byte) (half >>> 24),
            (byte) (half >>> 16),
            (byte) (half >>> 8),
            (byte) half,
            (byte) (size >>> 24),
            (byte) (size >>> 16),
            (byte) (size >>> 8),
            (byte) size
        };
        byte[] out = mac.doFinal(input);
        int value = ((out[0] & 0xff) << 24) | ((out[1] & 0xff) << 16) | ((out[2] & 0xff) << 8) | (out[3] & 0xff);
        return value & halfMask;
    }

    private Mac mac() {
        return Macs.copy(prototype);
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(index + " is outside the draw of " + size);
        }
    }
}
