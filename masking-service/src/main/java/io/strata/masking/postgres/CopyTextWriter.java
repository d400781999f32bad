package io.strata.masking.postgres;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes rows in PostgreSQL's COPY text format (UTF-8), escaping as {@code COPY ... TO} does: backslash, tab,
 * newline, carriage return, backspace, form feed and vertical tab become two-character escapes; NULL is {@code \N}.
 * Buffers its own output; {@link #flush()} at the end.
 */
public final class CopyTextWriter {

    private static final int BUFFER = 1 << 16;
    private static final int MOST_BYTES_PER_CHAR = 4;
    private static final byte[] NULL = {'\\', 'N'};

    /** The letter that escapes each ASCII character, 0 for the characters written as they are. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        ESCAPE['\\'] = '\\';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE[0x0b] = 'v';
    }

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int length;
    private boolean rowStarted;
    private long bytesWritten;

    /** A writer to the stream; the caller closes the stream. */
    public CopyTextWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the next field of the row: the value escaped, {@code \N} for {@code null}. */
    public void value(String value) throws IOException {
        separate();
        if (value == null) {
            put(NULL, 0, NULL.length);
            return;
        }
        int count = value.length();
        for (int i = 0; i < count; i++) {
            if (BUFFER - length < MOST_BYTES_PER_CHAR) {
                drain();
            }
            char c = value.charAt(i);
            if (c < 0x80) {
                putAscii(c);
            } else if (!Character.isSurrogate(c)) {
                putCodePoint(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(value.charAt(i
                    + 1))) {
                putCodePoint(Character.toCodePoint(c, value.charAt(++i)));
            } else {
                // A lone surrogate has no UTF-8 form; '?' is what String.getBytes writes for it too.
                putAscii('?');
            }
        }
    }

    /** Writes the next field as bytes already in COPY text form (escaped, or {@code \N}). */
    public void rawField(byte[] bytes, int from, int to) throws IOException {
        separate();
        put(bytes, from, to - from);
    }

    /** Ends the row. */
    public void endRow() throws IOException {
        if (length == BUFFER) {
            drain();
        }
        buffer[length++] = '\n';
        rowStarted = false;
    }

    /** Writes what is buffered to the stream and flushes it. */
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** The bytes written so far, buffered ones included. */
    public long bytesWritten() {
        return bytesWritten + length;
    }

    private void separate() throws IOException {
        if (rowStarted) {
            if (length == BUFFER) {
                drain();
            }
            buffer[length++] = '\t';
        }
        rowStarted = true;
    }

    private void putAscii(char c) {
        byte escape = ESCAPE[c];
        if (escape != 0) {
            buffer[length++] = '\\';
            buffer[length++] = escape;
        } else {
            buffer[length++] = (byte) c;
        }
    }

    private void putCodePoint(int codePoint) {
        if (codePoint < 0x800) {
            buffer[length++] = (byte) (0xc0 | codePoint >> 6);
        } else if (codePoint < 0x10000) {
            buffer[length++] = (byte) (0xe0 | codePoint >> 12);
            buffer[length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        } else {
            buffer[length++] = (byte) (0xf0 | codePoint >> 18);
            buffer[length++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
            buffer[length++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        }
        buffer[length++] = (byte) (0x80 | codePoint & 0x3f);
    }

    private void put(byte[] bytes, int from, int count) throws IOException {
        if (count > BUFFER - length) {
            drain();
            if (count > BUFFER) {
                out.write(bytes, from, count);
                bytesWritten += count;
                return;
            }
        }
        System.arraycopy(bytes, from, buffer, length, count);
        length += count;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, length);
        bytesWritten += length;
        length = 0;
    }
}
