package io.strata.masking.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void tokensAreRunsOfLettersDigitsAndAddressPunctuationWithoutTrailingDots() {
        assertThat(new Tokens().of("Av. Brigadeiro Faria Lima, 2170").count()).isEqualTo(5);
        assertThat(new Tokens().of("mail luisg@embraer.com.br.").count()).isEqualTo(2);
        assertThat(new Tokens().of(" ... , ; ").count()).isZero();
        assertThat(new Tokens().of("+55 (12) 3923-5555").count()).isEqualTo(3);
    }

    @Test
    void fingerprintsIgnoreCaseSpacingPunctuationAndTrailingDots() {
        assertThat(whole("Luís  GONÇALVES.")).isEqualTo(whole("luís gonçalves"));
        assertThat(whole("Luís, Gonçalves")).isEqualTo(whole("luís gonçalves"));
        assertThat(whole("luis gonçalves")).isNotEqualTo(whole("luís gonçalves"));
        assertThat(whole("ab cd")).isNotEqualTo(whole("abcd"));
        assertThat(whole("a.b@c.d")).isNotEqualTo(whole("a b@c.d"));
    }

    @Test
    void fingerprintsTellApartTokensThatShareTheirFirstCharsOrDifferOnlyInTheirLength() {
        // Tokens are hashed four chars at a time: the chars after the last full four must count, and their number.
        assertThat(whole("abcd")).isNotEqualTo(whole("abcde"));
        assertThat(whole("abcdefgh")).isNotEqualTo(whole("abcdefg"));
        assertThat(whole("abcdefgh")).isNotEqualTo(whole("abcdefgi"));
        assertThat(whole("abcd efgh")).isNotEqualTo(whole("abcdefgh"));
        assertThat(whole("ab.cd")).isEqualTo(whole("AB.CD...")).isNotEqualTo(whole("ab cd"));
        assertThat(whole(".5 kg")).isNotEqualTo(whole("5 kg"));
    }

    @Test
    void lettersBeyondAsciiAreComparedInLowerCaseLikeAsciiOnes() {
        assertThat(whole("ÉLODIE MÜLLER")).isEqualTo(whole("élodie müller"));
        // The capital I with a dot lowers to an ASCII i, as Character.toLowerCase has it.
        assertThat(whole("İSTANBUL")).isEqualTo(whole("istanbul"));
        assertThat(whole("Straße")).isNotEqualTo(whole("strasse"));
        // A letter outside the BMP (two chars) in a token of ASCII letters.
        assertThat(whole("ab\uD835\uDC00cd")).isEqualTo(whole("AB\uD835\uDC00CD")).isNotEqualTo(whole("abcd"));
        assertThat(new Tokens().of("ab\uD835\uDC00cd").count()).isEqualTo(1);
    }

    @Test
    void partsAreTheRunsOfUpToTheLongestTokensThatAreLongEnoughButNotTheWhole() {
        Tokens tokens = new Tokens().of("Send to Luís Gonçalves today");
        List<Long> parts = new ArrayList<>();

        tokens.forEachPart(2, parts::add);

        // 1 token: Send, Luís, today (to is too short) and Gonçalves; 2 tokens: all four pairs.
        assertThat(parts).hasSize(8).contains(whole("Luís Gonçalves"), whole("luís"), whole("to luís"))
                .doesNotContain(whole("to"));
        List<Long> ofTwoWords = new ArrayList<>();
        new Tokens().of("Luís Gonçalves").forEachPart(4, ofTwoWords::add);
        assertThat(ofTwoWords).containsExactly(whole("luís"), whole("gonçalves"));
    }

    @Test
    void valuesShorterThanFourCharactersAreNotWorthAFingerprint() {
        assertThat(new Tokens().of("Ann").wholeLongEnough()).isFalse();
        assertThat(new Tokens().of("a b").wholeLongEnough()).isFalse();
        assertThat(new Tokens().of("Anna").wholeLongEnough()).isTrue();
        assertThat(new Tokens().of("Al Bo").wholeLongEnough()).isTrue();
    }

    private static long whole(String value) {
        return new Tokens().of(value).wholeFingerprint();
    }
}
