package io.lumos.export.table;

/**
 * Keeps a spreadsheet from running text as a formula (CSV/formula injection, OWASP): text that
 * starts with {@code = + - @}, a tab or a carriage return gets a leading apostrophe. Only text
 * cells pass through here; numbers stay numbers.
 */
public final class FormulaGuard {
    private FormulaGuard() {}

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return dangerous(c) ? "'" + text : text;
    }

    public static boolean dangerous(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
