package io.lumos.cli.output;

/**
 * Text from data (a CSV header, a table name, a message quoting either) made safe for a terminal:
 * control characters are shown as escapes ({@code \x1B}, {@code \n}) instead of being sent raw,
 * so a name cannot retitle the window, move the cursor or hide what follows. JSON output needs
 * none of this: its writer escapes control characters already.
 */
public final class ConsoleText {
    private ConsoleText() {}

    /** Every control character escaped, line breaks and tabs too: for one cell or one value. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** Control characters escaped except tabs: for a line of a message. */
    public static String escapeLine(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepTabs) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i), keepTabs)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, keepTabs)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c, boolean keepTabs) {
        if (c == '\t') {
            return !keepTabs;
        }
        // C0, DEL and C1 (0x9B is a one-byte CSI), and the bidirectional overrides and isolates
        // that reorder what a terminal shows.
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
