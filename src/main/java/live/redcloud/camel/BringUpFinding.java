package live.redcloud.camel;

import live.redcloud.camel.secret.Redactor;

/**
 * One thing the start-up check found wrong, in Red Cloud's words, with the option (or Red Cloud setting) to change.
 *
 * @param option   the option to fix, e.g. {@code sendFrom}, or the Red Cloud setting when no option can fix it
 * @param message  what is wrong and what Red Cloud will do about it; never a secret, webhook URLs by host only
 * @param definite a misconfiguration ({@code startupCheck=fail} stops the start on it), as opposed to Red Cloud being
 *                 unreachable, which is only ever a warning
 */
record BringUpFinding(String option, String message, boolean definite) {

    static BringUpFinding definite(String option, String message) {
        return new BringUpFinding(option, message, true);
    }

    static BringUpFinding unreachable(String message) {
        return new BringUpFinding(null, message, false);
    }

    /** This finding with what it quotes of Red Cloud's answers cleared of the component's secrets. */
    BringUpFinding redacted(Redactor redactor) {
        return new BringUpFinding(option, redactor.redact(message), definite);
    }

    /** The WARN line. */
    String line() {
        return "Red Cloud start-up check: " + message + (option == null ? "" : " [fix: " + option + "]");
    }
}
