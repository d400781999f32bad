package io.strata.masking.subset;

import java.util.Optional;

/**
 * Checks that a user's {@code where} is one condition, before it is pasted into {@code WHERE (...)}.
 *
 * <p>
 * The database checks the syntax; what it cannot see is a text that closes the parenthesis or the statement and
 * starts another one ({@code true); DELETE FROM customer; --}). So this follows PostgreSQL's lexical rules far enough
 * to skip what may hide a {@code ;} or a parenthesis (string constants, escape strings, quoted identifiers,
 * dollar-quoted strings, comments) and refuses a {@code ;} or a {@code )} that closes more than it opened.
 */
final class SqlPredicate {

    private final String text;
    private int at;

    private SqlPredicate(String text) {
        this.text = text;
    }

    /** What is wrong with the predicate, empty when it is one condition (as far as parentheses and {@code ;} go). */
    static Optional<String> problem(String predicate) {
        return new SqlPredicate(predicate).scan();
    }

    private Optional<String> scan() {
        int depth = 0;
        while (at < text.length()) {
            char current = text.charAt(at);
            if (current == ';') {
                return Optional.of("it holds a ';' outside a string: write one condition, not statements");
            }
            if (current == '(') {
                depth++;
            } else if (current == ')' && --depth < 0) {
                return Optional.of("a ')' at position " + (at + 1) + " closes a parenthesis it did not open");
            }
            at = skipToken(current);
        }
        return Optional.empty();
    }

    /** The position after the token starting at {@link #at}: a whole literal or comment, else one character. */
    private int skipToken(char current) {
        if (current == '\'') {
            return skipString(escapeString());
        }
        if (current == '"') {
            return skipString(false);
        }
        if (current == '$' && !identifierCharBefore(at)) {
            int tagEnd = dollarTagEnd();
            if (tagEnd > 0) {
                String tag = text.substring(at, tagEnd + 1);
                int close = text.indexOf(tag, tagEnd + 1);
                return close < 0 ? text.length() : close + tag.length();
            }
        }
        if (text.startsWith("--", at)) {
            int newline = text.indexOf('\n', at);
            return newline < 0 ? text.length() : newline + 1;
        }
        if (text.startsWith("/*", at)) {
            return skipBlockComment();
        }
        return at + 1;
    }

    /** Whether the quote at {@link #at} opens an escape string ({@code E'...'}), where a backslash escapes a quote. */
    private boolean escapeString() {
        return at > 0 && (text.charAt(at - 1) == 'E' || text.charAt(at - 1) == 'e') && !identifierCharBefore(at - 1);
    }

    /** Skips a quoted string or identifier; a doubled quote (and in an escape string, a backslash) escapes. */
    private int skipString(boolean backslashEscapes) {
        char quote = text.charAt(at);
        int position = at + 1;
        while (position < text.length()) {
            char current = text.charAt(position);
            if (backslashEscapes && current == '\\') {
                position += 2;
            } else if (current == quote && position + 1 < text.length() && text.charAt(position + 1) == quote) {
                position += 2;
            } else if (current == quote) {
                return position + 1;
            } else {
                position++;
            }
        }
        return text.length();
    }

    /** The position of the {@code $} closing a dollar-quote tag opening at {@link #at}, or -1 when it is none. */
    private int dollarTagEnd() {
        int position = at + 1;
        if (position < text.length() && Character.isDigit(text.charAt(position))) {
            return -1;
        }
        while (position < text.length() && isTagChar(text.charAt(position))) {
            position++;
        }
        return position < text.length() && text.charAt(position) == '$' ? position : -1;
    }

    /** Block comments nest in PostgreSQL. */
    private int skipBlockComment() {
        int depth = 0;
        int position = at;
        while (position < text.length()) {
            if (text.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (text.startsWith("*/", position)) {
                position += 2;
                if (--depth == 0) {
                    return position;
                }
            } else {
                position++;
            }
        }
        return text.length();
    }

    private boolean identifierCharBefore(int position) {
        return position > 0 && isIdentifierChar(text.charAt(position - 1));
    }

    private static boolean isIdentifierChar(char character) {
        return isTagChar(character) || character == '$';
    }

    private static boolean isTagChar(char character) {
        return Character.isLetterOrDigit(character) || character == '_';
    }
}
