package io.strata.hosts;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSH host keys as users paste them: an OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}) or a
 * known_hosts / ssh-keyscan line ({@code host ssh-ed25519 AAAA...}).
 */
public final class HostKeys {

    private static final Pattern KEY = Pattern.compile("(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|rsa-sha2-[0-9]+)\\s+"
            + "([A-Za-z0-9+/=]{20,})");

    private HostKeys() {
    }

    /**
     * A key in canonical form ({@code type base64}).
     *
     * @param type the key type, e.g. {@code ssh-ed25519}
     * @param base64 the key blob
     */
    public record HostKey(String type, String base64) {

        /** {@code type base64}, as a known_hosts line after the host. */
        public String line() {
            return type + " " + base64;
        }
    }

    /** Parses a pasted key; throws {@link IllegalArgumentException} saying what a key looks like. */
    public static HostKey parse(String text) {
        Matcher matcher = KEY.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("hostKey is not an SSH public key; paste a line such as "
                    + "'ssh-ed25519 AAAAC3Nza...' (from ssh-keyscan -t ed25519 <host> or the server's "
                    + "/etc/ssh/ssh_host_ed25519_key.pub)");
        }
        Base64.getDecoder().decode(matcher.group(2));
        return new HostKey(matcher.group(1), matcher.group(2));
    }
}
