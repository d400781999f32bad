package io.strata.masking.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads rows of PostgreSQL's COPY text format (UTF-8) from a stream, one row at a time, without a copy of the row
 * per field: fields are found in the read buffer and decoded into strings only when asked for, so the fields that
 * masking leaves alone go to the {@link CopyTextWriter} as the bytes they came in.
 * <p>
 * The format: one row a line, fields separated by a tab, {@code \N} alone for NULL, and backslash escapes for the
 * characters that would end a field or a row ({@code \\ \t \n \r \b \f \v}), plus {@code \ooo} (octal) and
 * {@code \xhh} (hex) bytes, which PostgreSQL accepts on input. A backslash before any other character stands for
 * that character. A line {@code \.} ends the data. UTF-8 never uses the bytes of tab, newline or backslash inside a
 * multi-byte character, so splitting on bytes is safe.
 */
public final class CopyTextReader {

    private static final int INITIAL_BUFFER = 1 << 16;
    private static final int OCTAL_DIGITS = 3;
    private static final int HEX_DIGITS = 2;

    /** What the backslash escapes of single letters stand for; 0 for the letters that stand for themselves. */
    private static final byte[] ESCAPED = new byte[128];

    static {
        ESCAPED['b'] = '\b';
        ESCAPED['f'] = '\f';
        ESCAPED['n'] = '\n';
        ESCAPED['r'] = '\r';
        ESCAPED['t'] = '\t';
        ESCAPED['v'] = 0x0b;
    }

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int limit;
    private int rowStart;
    private int rowEnd = -1;
    private boolean endOfInput;
    private long bytesRead;
    private long rowNumber;
    private int fieldCount;
    private int[] fieldStarts = new int[16];
    private int[] fieldEnds = new int[16];
    private String[] decoded = new String[16];
    private long[] decodedInRow = new long[16];
    private byte[] scratch = new byte[256];

    /** A reader of the stream; the caller closes the stream. */
    public CopyTextReader(InputStream in) {
        this.in = in;
    }

    /**
     * Moves to the next row.
     *
     * @return false at the end of the data
     */
    public boolean next() throws IOException {
        int start = rowEnd + 1;
        int scanFrom = start;
        while (true) {
            int newline = indexOfNewline(scanFrom);
            if (newline >= 0) {
                return startRow(start, newline, newline);
            }
            if (endOfInput) {
                // A last line without its newline: take it as a row rather than drop it.
                return start < limit && startRow(start, limit, limit - 1);
            }
            scanFrom = limit - start;
            fill(start);
            start = 0;
        }
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread bytes to the front, grows the buffer when a row fills it, and reads more. */
    private void fill(int keepFrom) throws IOException {
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, kept);
        } else if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        limit = kept;
        rowEnd = -1;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
            bytesRead += read;
        }
    }

    private boolean startRow(int start, int end, int lastByte) {
        rowStart = start;
        rowEnd = lastByte;
        if (end - start == 2 && buffer[start] == '\\' && buffer[start + 1] == '.') {
            endOfInput = true;
            limit = start;
            return false;
        }
        rowNumber++;
        fieldCount = 0;
        int fieldStart = start;
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\t') {
                addField(fieldStart, i);
                fieldStart = i + 1;
            }
        }
        addField(fieldStart, end);
        return true;
    }

    private void addField(int start, int end) {
        if (fieldCount == fieldStarts.length) {
            int size = fieldCount * 2;
            fieldStarts = Arrays.copyOf(fieldStarts, size);
            fieldEnds = Arrays.copyOf(fieldEnds, size);
            decoded = Arrays.copyOf(decoded, size);
            decodedInRow = Arrays.copyOf(decodedInRow, size);
        }
        fieldStarts[fieldCount] = start;
        fieldEnds[fieldCount] = end;
        fieldCount++;
    }

    /** The number of fields of the current row. */
    public int fieldCount() {
        return fieldCount;
    }

    /** The bytes read from the stream so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** The bytes of the current row, its newline left out. */
    public int rowLength() {
        return fieldEnds[fieldCount - 1] - rowStart;
    }

    /** Whether field {@code index} of the current row is NULL. */
    public boolean isNull(int index) {
        int start = fieldStarts[index];
        return fieldEnds[index] - start == 2 && buffer[start] == '\\' && buffer[start + 1] == 'N';
    }

    /** Field {@code index} of the current row, decoded; {@code null} for NULL. Decoded once per row. */
    public String value(int index) {
        if (decodedInRow[index] != rowNumber) {
            decoded[index] = isNull(index) ? null : decode(fieldStarts[index], fieldEnds[index]);
            decodedInRow[index] = rowNumber;
        }
        return decoded[index];
    }

    /** Writes field {@code index} of the current row as it came, escapes and all. */
    public void copyField(int index, CopyTextWriter writer) throws IOException {
        writer.rawField(buffer, fieldStarts[index], fieldEnds[index]);
    }

    private String decode(int start, int end) {
        int backslash = start;
        while (backslash < end && buffer[backslash] != '\\') {
            backslash++;
        }
        if (backslash == end) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, scratch.length * 2)];
        }
        int length = backslash - start;
        System.arraycopy(buffer, start, scratch, 0, length);
        int i = backslash;
        while (i < end) {
            byte b = buffer[i++];
            if (b != '\\' || i == end) {
                scratch[length++] = b;
            } else {
                i = unescape(i, end, length);
                length++;
            }
        }
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }

    /** Decodes the escape whose letter is at {@code at} into scratch[to]; returns where the next byte is. */
    private int unescape(int at, int end, int to) {
        byte letter = buffer[at];
        int digits = letter >= '0' && letter <= '7' ? countDigits(at, end, OCTAL_DIGITS, 8) : 0;
        if (digits > 0) {
            scratch[to] = (byte) parse(at, digits, 8);
            return at + digits;
        }
        int hexDigits = letter == 'x' ? countDigits(at + 1, end, HEX_DIGITS, 16) : 0;
        if (hexDigits > 0) {
            scratch[to] = (byte) parse(at + 1, hexDigits, 16);
            return at + 1 + hexDigits;
        }
        byte escaped = letter >= 0 ? ESCAPED[letter] : 0;
        scratch[to] = escaped != 0 ? escaped : letter;
        return at + 1;
    }

    private int countDigits(int from, int end, int most, int radix) {
        int count = 0;
        while (count < most && from + count < end && Character.digit(buffer[from + count], radix) >= 0) {
            count++;
        }
        return count;
    }

    private int parse(int from, int digits, int radix) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * radix + Character.digit(buffer[i], radix);
        }
        return value;
    }
}
