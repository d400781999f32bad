package io.strata.masking.algorithms;

import java.util.Arrays;

/**
 * Encrypts a value's ASCII letters and digits while keeping its format: digits stay digits, lower-case letters stay
 * lower-case and upper-case upper-case, each in its place, and every other character (separators, spaces, other
 * scripts) stays as it is, so {@code 4111-1111-1111-1111} keeps its dashes. For one format (the same characters
 * outside the classes, the classes at the same places) it is a permutation, so distinct values stay distinct.
 *
 * <p>
 * Each class's characters are taken as one numeral string. A class with enough of them for FF1 (a million
 * possibilities) is encrypted with FF1 ({@link Ff1Cipher}, AES with the masking key, the tweak and the class as
 * FF1's tweak). A class too short for FF1 alone (the two capitals of {@code John Smith}) is permuted by a
 * {@link KeyedPermutation} whose tweak is everything else in the value, already encrypted where it is long: every
 * step changes one class as a function of the rest, so each step, and the whole, can be undone.
 *
 * <p>
 * Thread-safe; each thread keeps its own FF1 engines and buffers.
 */
public final class FormatPreservingCipher {

    private static final int DIGITS = 0;
    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int[] RADIX = {10, 26, 26};
    private static final char[] ZERO = {'0', 'a', 'A'};
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    // Stands for a character of the class being permuted, and for the Luhn check digit, in the hash of the rest.
    private static final char HIDDEN = '\uFFFF';

    private final byte[] ff1Key;
    private final byte[] tweak;
    private final long shortTweak;
    private final KeyedPermutation shortClasses;
    private final boolean minimumDomain;
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    /**
     * @param key the masking key: its bytes are the AES key of FF1, and a key derived from it keys the short classes'
     *        permutation
     * @param tweak public data that changes the permutation (one rule's values from another's), may be empty
     * @param minimumDomain whether to refuse a value whose letters and digits, all classes together, have fewer than
     *        {@link Ff1Cipher#MIN_DOMAIN} possibilities ({@code fpe}), or to permute even those ({@code unique-map})
     */
    public FormatPreservingCipher(MaskingKey key, byte[] tweak, boolean minimumDomain) {
        this.ff1Key = key.material();
        this.tweak = tweak.clone();
        this.shortTweak = KeyedPermutation.mix(hash(tweak));
        this.shortClasses = new KeyedPermutation(new Keyed(key).derive("format-preserving-short-classes"));
        this.minimumDomain = minimumDomain;
    }

    /**
     * The encrypted value.
     *
     * @param luhn whether the value's last digit is a Luhn check digit: it is then left out of the encryption and
     *        computed again for the encrypted digits, so a valid card number stays valid (and an invalid one stays
     *        as far off as it was, which keeps distinct values distinct)
     * @throws IllegalArgumentException when the cipher keeps the minimum domain and the value is too short for it;
     *         the message never holds the value
     */
    public String encrypt(String value, boolean luhn) {
        char[] chars = value.toCharArray();
        int check = luhn ? checkDigitPosition(chars) : -1;
        int[] counts = count(chars, check);
        if (minimumDomain && domain(counts) < Ff1Cipher.MIN_DOMAIN) {
            throw new IllegalArgumentException("The value is too short to encrypt safely: its letters and digits "
                    + "have fewer than " + Ff1Cipher.MIN_DOMAIN + " possible values (the minimum of NIST SP "
                    + "800-38G). Mask this column with unique-map, which permutes short values too.");
        }
        int checkOffset = check < 0 ? 0 : Math.floorMod(chars[check] - '0' - luhnDigit(chars, check), 10);
        PerThread buffers = perThread.get();
        for (int cls = DIGITS; cls <= UPPER; cls++) {
            if (Ff1Cipher.canEncrypt(RADIX[cls], counts[cls])) {
                encryptLong(buffers, cls, chars, counts[cls], check);
            }
        }
        for (int cls = DIGITS; cls <= UPPER; cls++) {
            if (counts[cls] > 0 && !Ff1Cipher.canEncrypt(RADIX[cls], counts[cls])) {
                permuteShort(cls, chars, counts[cls], check);
            }
        }
        if (check >= 0) {
            chars[check] = (char) ('0' + (luhnDigit(chars, check) + checkOffset) % 10);
        }
        return new String(chars);
    }

    private void encryptLong(PerThread buffers, int cls, char[] chars, int count, int check) {
        byte[] numerals = buffers.numerals(count);
        gather(cls, chars, check, numerals);
        buffers.cipher(cls, this).encrypt(numerals, count);
        scatter(cls, chars, check, numerals);
    }

    private void permuteShort(int cls, char[] chars, int count, int check) {
        byte[] numerals = new byte[count];
        gather(cls, chars, check, numerals);
        long size = 1;
        long number = 0;
        for (int i = 0; i < count; i++) {
            size *= RADIX[cls];
            number = number * RADIX[cls] + numerals[i];
        }
        long rest = KeyedPermutation.mix(hashOfRest(cls, chars, check) ^ (shortTweak + cls));
        long permuted = shortClasses.permute(number, size, rest);
        for (int i = count - 1; i >= 0; i--) {
            numerals[i] = (byte) (permuted % RADIX[cls]);
            permuted /= RADIX[cls];
        }
        scatter(cls, chars, check, numerals);
    }

    private static void gather(int cls, char[] chars, int check, byte[] numerals) {
        int next = 0;
        for (int i = 0; i < chars.length; i++) {
            if (i != check && classOf(chars[i]) == cls) {
                numerals[next++] = (byte) (chars[i] - ZERO[cls]);
            }
        }
    }

    private static void scatter(int cls, char[] chars, int check, byte[] numerals) {
        int next = 0;
        for (int i = 0; i < chars.length; i++) {
            if (i != check && classOf(chars[i]) == cls) {
                chars[i] = (char) (ZERO[cls] + numerals[next++]);
            }
        }
    }

    /** Whether the cipher could encrypt some value of at most this many characters (any, when {@code null}). */
    public static boolean fitsSomeValue(Integer maxLength) {
        return maxLength == null || Ff1Cipher.canEncrypt(RADIX[LOWER], maxLength);
    }

    private static int classOf(char c) {
        if (c >= '0' && c <= '9') {
            return DIGITS;
        }
        if (c >= 'a' && c <= 'z') {
            return LOWER;
        }
        return c >= 'A' && c <= 'Z' ? UPPER : -1;
    }

    private static int[] count(char[] chars, int check) {
        int[] counts = new int[RADIX.length];
        for (int i = 0; i < chars.length; i++) {
            int cls = classOf(chars[i]);
            if (cls >= 0 && i != check) {
                counts[cls]++;
            }
        }
        return counts;
    }

    private static double domain(int[] counts) {
        double domain = 1;
        for (int cls = DIGITS; cls <= UPPER; cls++) {
            domain *= Math.pow(RADIX[cls], counts[cls]);
        }
        return domain;
    }

    /** The last digit, when the value has two digits at least (a check digit needs something to check). */
    private static int checkDigitPosition(char[] chars) {
        int digits = 0;
        int last = -1;
        for (int i = 0; i < chars.length; i++) {
            if (classOf(chars[i]) == DIGITS) {
                digits++;
                last = i;
            }
        }
        return digits >= 2 ? last : -1;
    }

    /** The Luhn check digit of the digits before the check position. */
    static int luhnDigit(char[] chars, int check) {
        int sum = 0;
        boolean doubled = true;
        for (int i = check - 1; i >= 0; i--) {
            if (classOf(chars[i]) == DIGITS) {
                int digit = chars[i] - '0';
                if (doubled) {
                    digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
                }
                sum += digit;
                doubled = !doubled;
            }
        }
        return (10 - sum % 10) % 10;
    }

    /** A hash of the value with the class being permuted (and the check digit) hidden: that class's tweak. */
    private static long hashOfRest(int cls, char[] chars, int check) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < chars.length; i++) {
            char c = i == check || classOf(chars[i]) == cls ? HIDDEN : chars[i];
            hash = (hash ^ c) * FNV_PRIME;
        }
        return hash;
    }

    private static long hash(byte[] bytes) {
        long hash = FNV_OFFSET;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        return hash;
    }

    /** One thread's FF1 engines (one per class, made on first use) and numeral buffer. */
    private static final class PerThread {

        private final Ff1Cipher[] ciphers = new Ff1Cipher[RADIX.length];
        private byte[] numerals = new byte[64];

        byte[] numerals(int length) {
            if (numerals.length < length) {
                numerals = new byte[Math.max(length, numerals.length * 2)];
            }
            return numerals;
        }

        Ff1Cipher cipher(int cls, FormatPreservingCipher owner) {
            if (ciphers[cls] == null) {
                byte[] classTweak = Arrays.copyOf(owner.tweak, owner.tweak.length + 1);
                classTweak[owner.tweak.length] = (byte) cls;
                ciphers[cls] = new Ff1Cipher(owner.ff1Key, RADIX[cls], classTweak);
            }
            return ciphers[cls];
        }
    }
}
