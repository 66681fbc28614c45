package io.switchboard.sip.directory;

import java.util.Optional;

/**
 * A local SIP account. {@code password} is empty for endpoints that do not authenticate;
 * {@code staticContact} is set for endpoints that do not register (calls go straight there).
 */
public record Extension(String number, String name, Optional<String> password, Optional<String> staticContact, boolean demo) {

    /** Demo passwords follow the documented {@code switchboard-<ext>} pattern. */
    public static boolean isDemoPassword(String number, String password) {
        return password.equals("switchboard-" + number);
    }
}
