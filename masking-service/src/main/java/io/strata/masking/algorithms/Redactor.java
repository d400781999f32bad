package io.strata.masking.algorithms;

/**
 * The masker of {@link RedactAlgorithm}: one pass over the text that copies it lazily, so a text without tokens is
 * returned as it came, and replaces each token found where it stands.
 */
final class Redactor implements Masker {

    private static final String REDACTED = "[REDACTED]";

    private final byte[] key;
    private final EmailMasker emails;
    private final boolean findEmails;
    private final boolean phones;
    private final boolean ssns;
    private final boolean cards;
    private final boolean ibans;
    private final WordList values;
    private final String replacement;
    private final boolean json;
    private final Integer maxLength;

    /**
     * @param key the key of the {@code text} domain
     * @param emails the masker of addresses, {@code null} when they get the fixed replacement or are not looked for
     * @param json whether the column is JSON, whose numbers outside strings must stay numbers
     */
    Redactor(RedactAlgorithm.Options options, byte[] key, EmailMasker emails, boolean json, Integer maxLength) {
        this.key = key;
        this.emails = emails;
        this.findEmails = options.patterns().contains(RedactAlgorithm.EMAIL);
        this.phones = options.patterns().contains(RedactAlgorithm.PHONE);
        this.ssns = options.patterns().contains(RedactAlgorithm.SSN);
        this.cards = options.patterns().contains(RedactAlgorithm.CARD);
        this.ibans = options.patterns().contains(RedactAlgorithm.IBAN);
        this.values = options.values() == null ? null : new WordList(options.values());
        this.replacement = options.replacement();
        this.json = json;
        this.maxLength = maxLength;
    }

    @Override
    public String mask(String value, Row row) {
        if (value == null) {
            return null;
        }
        return ColumnTypes.cut(new Scan(value).run(), maxLength);
    }

    /** One text's pass. */
    private final class Scan {

        private final String text;
        private final int length;
        private final DigitRun run = new DigitRun();
        // Whether to follow JSON strings: in a JSON column, or in text that holds JSON, where a number outside the
        // strings keeps keyed digits rather than the fixed replacement.
        private final boolean tracksStrings;
        private StringBuilder out;
        private int copied;
        private boolean inString;
        private int emailStart;
        private int emailEnd;

        Scan(String text) {
            this.text = text;
            this.length = text.length();
            this.tracksStrings = json || holdsJson(text);
        }

        String run() {
            findEmail(0);
            int i = 0;
            boolean boundary = true;
            while (i < length) {
                if (i >= emailStart) {
                    replace(emailStart, emailEnd, replacement != null
                            ? replacement
                            : emails.mask(text.substring(emailStart, emailEnd), Row.NONE));
                    i = emailEnd;
                    boundary = false;
                    findEmail(i);
                    continue;
                }
                char c = text.charAt(i);
                int next;
                if (c == '\\') {
                    next = TextTokens.afterEscape(text, i);
                    boundary = true;
                } else if (c == '"' && tracksStrings) {
                    next = i + 1;
                    inString = !inString;
                    boundary = true;
                } else if (boundary && (next = token(i, c)) > i) {
                    boundary = false;
                } else {
                    next = i + 1;
                    boundary = !TextTokens.isWordChar(c);
                }
                i = next;
            }
            return out == null ? text : out.append(text, copied, length).toString();
        }

        /** Whether the text opens as JSON does, with an object or an array. */
        private static boolean holdsJson(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Character.isWhitespace(c)) {
                    return c == '{' || c == '[';
                }
            }
            return false;
        }

        private void findEmail(int from) {
            long found = findEmails ? TextTokens.nextEmail(text, from) : -1;
            emailStart = found < 0 ? Integer.MAX_VALUE : (int) (found >>> 32);
            emailEnd = (int) found;
        }

        /** Replaces the token at {@code i}, if any, and tells where to go on; {@code -1} when none starts there. */
        private int token(int i, char c) {
            int limit = Math.min(emailStart, length);
            if (values != null && (!json || inString) && values.mayStart(c)) {
                int end = values.match(text, i, limit);
                if (end > 0) {
                    replace(i, end, replacement != null ? replacement : REDACTED);
                    return end;
                }
            }
            if (DigitMasking.isDigit(c) || c == '+' || c == '(') {
                return number(i, limit);
            }
            if (ibans && TextTokens.isUpper(c)) {
                int end = TextTokens.ibanEnd(text, i, limit);
                if (end > 0) {
                    if (fixed()) {
                        replace(i, end, replacement);
                    } else {
                        appendIban(start(i), end);
                    }
                    return end;
                }
            }
            return -1;
        }

        /** A run of digits: replaced when it is an SSN, a card or a phone number, or holds one. */
        private int number(int i, int limit) {
            int date = TextTokens.dateEnd(text, i, limit);
            if (date > 0) {
                return date;
            }
            run.parse(text, i, limit);
            int end = run.end();
            if (end == i) {
                return -1;
            }
            boolean outside = json && !inString;
            boolean ended = run.complete() && TextTokens.endsWord(text, end);
            String kind = ended ? kind(outside, phones) : null;
            if (kind != null) {
                mask(i, end, kind);
                return end;
            }
            int firstCut = run.cutCount() == 0 ? end : run.cut(0);
            int inside = run.cutCount() == 0 ? -1 : numberInside(i, ended, outside);
            if (inside > 0) {
                return inside;
            }
            // Nothing: try again after a leading sign or parenthesis, or else go on after the first cut, so that
            // what follows is tried on its own.
            return text.charAt(i) == '+' || text.charAt(i) == '(' ? -1 : firstCut;
        }

        /**
         * A run that is nothing as a whole may hold numbers between the spaces or hyphens that join its groups
         * ({@code qty 2 4111 1111 1111 1111}, {@code +1 555 010 9999 123-45-6789}): the leftmost, longest SSN or
         * card, with a phone number before it; or else the longest phone number at its start. Tells where to go on,
         * {@code -1} when there is none.
         *
         * @param ended whether the whole run ends a word, so that a number may end where it ends
         */
        private int numberInside(int i, boolean ended, boolean outside) {
            int cuts = run.cutCount();
            int[] ends = new int[cuts + 1];
            for (int k = 0; k < cuts; k++) {
                ends[k] = run.cut(k);
            }
            ends[cuts] = run.end();
            int top = ended ? cuts : cuts - 1;
            for (int first = 0; first <= top; first++) {
                int start = first == 0 ? i : ends[first - 1] + 1;
                for (int last = top; last >= first; last--) {
                    run.parse(text, start, ends[last]);
                    String kind = first == 0 && last == cuts ? null : kind(outside, false);
                    if (kind != null) {
                        if (first > 0) {
                            phoneAt(i, ends[first - 1], outside);
                        }
                        mask(start, ends[last], kind);
                        return ends[last];
                    }
                }
            }
            for (int last = Math.min(top, cuts - 1); last >= 0; last--) {
                if (phoneAt(i, ends[last], outside)) {
                    return ends[last];
                }
            }
            return -1;
        }

        private boolean phoneAt(int start, int end, boolean outside) {
            run.parse(text, start, end);
            if (!phones || outside || run.end() != end || !run.isPhone()) {
                return false;
            }
            mask(start, end, RedactAlgorithm.PHONE);
            return true;
        }

        /**
         * Replaces the number: with the fixed replacement, but never outside the strings of JSON, where it must
         * stay a number.
         */
        private void mask(int start, int end, String kind) {
            if (fixed() && (inString || !tracksStrings)) {
                replace(start, end, replacement);
            } else if (RedactAlgorithm.CARD.equals(kind)) {
                appendCard(start(start), end);
            } else {
                DigitMasking.appendMasked(key, kind, text, start(start), end, 0, out);
                copied = end;
            }
        }

        /**
         * What the run just read is: an SSN, a card or a phone number; {@code null} when none. In a JSON column,
         * outside strings, only a bare number can stand, and it is no phone number.
         */
        private String kind(boolean outsideJsonString, boolean phone) {
            if (outsideJsonString && !run.isBare()) {
                return null;
            }
            if (ssns && run.isSsn()) {
                return RedactAlgorithm.SSN;
            }
            if (cards && run.isCard(text)) {
                return RedactAlgorithm.CARD;
            }
            return phone && !outsideJsonString && run.isPhone() ? RedactAlgorithm.PHONE : null;
        }

        private boolean fixed() {
            return replacement != null;
        }

        /** Starts a replacement at {@code start}: the text before it is copied out. */
        private int start(int start) {
            if (out == null) {
                out = new StringBuilder(length + 32);
            }
            out.append(text, copied, start);
            return start;
        }

        private void replace(int start, int end, String with) {
            start(start);
            out.append(with);
            copied = end;
        }

        /** The first digit kept, the others keyed, the last the Luhn check digit of the new number. */
        private void appendCard(int start, int end) {
            String digits = DigitMasking.digitsOf(text, start, end);
            KeyedStream stream = new KeyedStream(key, RedactAlgorithm.CARD, digits);
            int count = digits.length();
            char[] masked = new char[count];
            masked[0] = digits.charAt(0);
            for (int k = 1; k < count - 1; k++) {
                masked[k] = stream.digit();
            }
            masked[count - 1] = (char) ('0' + TextTokens.luhnCheckDigit(masked, count - 1));
            appendInPlace(start, end, masked);
        }

        /** The country code and grouping kept, the rest keyed, the check digits computed again. */
        private void appendIban(int start, int end) {
            String compact = text.substring(start, end).replace(" ", "");
            KeyedStream stream = new KeyedStream(key, RedactAlgorithm.IBAN, compact);
            char[] masked = compact.toCharArray();
            masked[2] = '0';
            masked[3] = '0';
            for (int k = 4; k < masked.length; k++) {
                masked[k] = DigitMasking.isDigit(masked[k]) ? stream.digit() : stream.letter();
            }
            int check = 98 - TextTokens.ibanRemainder(new String(masked), 0, masked.length);
            masked[2] = (char) ('0' + check / 10);
            masked[3] = (char) ('0' + check % 10);
            appendInPlace(start, end, masked);
        }

        /** Writes the new characters over the token's own, keeping its spaces and hyphens. */
        private void appendInPlace(int start, int end, char[] masked) {
            int k = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                out.append(c == ' ' || c == '-' ? c : masked[k++]);
            }
            copied = end;
        }
    }
}
