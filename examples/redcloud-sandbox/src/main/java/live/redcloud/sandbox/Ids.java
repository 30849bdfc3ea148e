package live.redcloud.sandbox;

import java.util.Random;

/**
 * Random identifiers with Red Cloud's visible prefixes ({@code msg_}, {@code evt_}, {@code req_}, ...).
 * Drawn from a seeded {@link Random} of their own, so ids never shift the fault decisions.
 */
final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    String next(String prefix) {
        return next(prefix, 20);
    }

    String next(String prefix, int length) {
        char[] chars = new char[length];
        synchronized (random) {
            for (int i = 0; i < length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
        }
        return prefix + new String(chars);
    }
}
