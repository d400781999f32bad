package io.strata.masking.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw FF1 core against NIST's published FF1 samples (AES-128, -192 and -256; radix 10 and 36), and against
 * BouncyCastle's engine alone for every radix, length and tweak length its faster path takes.
 */
class Ff1CipherTest {

    static final String AES128 = "2B7E151628AED2A6ABF7158809CF4F3C";
    static final String AES192 = AES128 + "EF4359D8D580AA4F";
    static final String AES256 = AES192 + "7F036D6F04FC6A94";
    static final String DIGITS = "0123456789";
    static final String BASE36 = "0123456789abcdefghi";

    @ParameterizedTest(name = "sample {0}")
    @CsvSource({
            "1, " + AES128 + ", 10, '', " + DIGITS + ", 2433477484",
            "2, " + AES128 + ", 10, 39383736353433323130, " + DIGITS + ", 6124200773",
            "3, " + AES128 + ", 36, 3737373770717273373737, " + BASE36 + ", a9tv40mll9kdu509eum",
            "4, " + AES192 + ", 10, '', " + DIGITS + ", 2830668132",
            "5, " + AES192 + ", 10, 39383736353433323130, " + DIGITS + ", 2496655549",
            "6, " + AES192 + ", 36, 3737373770717273373737, " + BASE36 + ", xbj3kv35jrawxv32ysr",
            "7, " + AES256 + ", 10, '', " + DIGITS + ", 6657667009",
            "8, " + AES256 + ", 10, 39383736353433323130, " + DIGITS + ", 1001623463",
            "9, " + AES256 + ", 36, 3737373770717273373737, " + BASE36 + ", xs8a0azh2avyalyzuwd"})
    void theNistSamplesEncryptAndDecrypt(int sample, String key, int radix, String tweak, String plain,
            String cipher) {
        Ff1Cipher ff1 = new Ff1Cipher(HexFormat.of().parseHex(key), radix, HexFormat.of().parseHex(tweak));
        byte[] numerals = numerals(plain, radix);

        ff1.encrypt(numerals, numerals.length);
        assertThat(text(numerals, radix)).isEqualTo(cipher);

        ff1.decrypt(numerals, numerals.length);
        assertThat(text(numerals, radix)).isEqualTo(plain);
    }

    @Test
    void onlyDomainsOfAMillionValuesOrMoreAreEncrypted() {
        assertThat(Ff1Cipher.canEncrypt(10, 6)).isTrue();
        assertThat(Ff1Cipher.canEncrypt(10, 5)).isFalse();
        assertThat(Ff1Cipher.canEncrypt(26, 5)).isTrue();
        assertThat(Ff1Cipher.canEncrypt(26, 4)).isFalse();
        assertThat(Ff1Cipher.canEncrypt(1_000_000, 1)).isFalse();
        // Where the faster path ends, so that the comparison with BouncyCastle above covers both paths.
        assertThat(Ff1Longs.fits(10, 36)).isTrue();
        assertThat(Ff1Longs.fits(10, 37)).isFalse();
        assertThat(Ff1Longs.fits(16, 30)).isTrue();
        assertThat(Ff1Longs.fits(26, 24)).isTrue();
        assertThat(Ff1Longs.fits(26, 25)).isFalse();

        Ff1Cipher ff1 = new Ff1Cipher(HexFormat.of().parseHex(AES256), 10, new byte[0]);
        assertThatThrownBy(() -> ff1.encrypt(new byte[5], 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ff1.encrypt(new byte[]{1, 2, 3, 4, 5, 10}, 6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "radix {0}")
    @ValueSource(ints = {2, 10, 16, 26, 36, 62, 256})
    void everyLengthAndTweakEncryptsAsBouncyCastleDoes(int radix) {
        Random random = new Random(radix);
        byte[] key = new byte[32];
        random.nextBytes(key);
        for (int tweakLength : new int[]{0, 3, 11, 14, 16, 27}) {
            byte[] tweak = new byte[tweakLength];
            random.nextBytes(tweak);
            Ff1Cipher ff1 = new Ff1Cipher(key, radix, tweak);
            FPEFF1Engine reference = new FPEFF1Engine(AESEngine.newInstance());
            reference.init(true, new FPEParameters(new KeyParameter(key), radix, tweak));
            for (int length = 2; length <= 70; length++) {
                if (!Ff1Cipher.canEncrypt(radix, length)) {
                    continue;
                }
                for (int sample = 0; sample < 20; sample++) {
                    byte[] numerals = new byte[length];
                    for (int i = 0; i < length; i++) {
                        numerals[i] = (byte) random.nextInt(radix);
                    }
                    byte[] expected = new byte[length];
                    reference.processBlock(numerals, 0, length, expected, 0);

                    ff1.encrypt(numerals, length);
                    assertThat(numerals).as("radix %d, length %d, tweak %d bytes", radix, length, tweakLength)
                            .isEqualTo(expected);
                }
            }
        }
    }

    static byte[] numerals(String text, int radix) {
        byte[] numerals = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            numerals[i] = (byte) Character.digit(text.charAt(i), radix);
        }
        return numerals;
    }

    static String text(byte[] numerals, int radix) {
        StringBuilder text = new StringBuilder();
        for (byte numeral : numerals) {
            text.append(Character.forDigit(numeral, radix));
        }
        return text.toString();
    }
}
