package io.lumos.source.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses a delimited file's dialect from its first lines: the delimiter whose count per line is
 * most consistent, the quote character, backslash escapes, comment lines and preamble lines to
 * skip. Only heuristics live here; the parsing itself is FastCSV's.
 */
final class CsvSniffer {
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int MAX_LINES = 100;
    private static final int MAX_SKIP = 20;

    /**
     * @param delimiter the field separator (may be several characters)
     * @param escape '\\' when quotes inside quoted fields are escaped with a backslash, else 0
     * @param comment '#' when comment lines were seen, else 0
     * @param skipLines preamble lines before the header
     */
    record Dialect(String delimiter, char quote, char escape, char comment, int skipLines) {}

    private CsvSniffer() {}

    /**
     * @param text the start of the file, decoded
     * @param complete whether {@code text} is the whole file (else its last line may be cut)
     * @param delimiter a configured delimiter, or null to guess
     */
    static Dialect sniff(String text, boolean complete, String delimiter, char defaultDelimiter) {
        List<String> lines = lines(text, complete);
        char quote = chooseQuote(text);
        char comment = 0;
        for (String l : lines) {
            if (l.startsWith("#")) {
                comment = '#';
                break;
            }
        }
        List<String> data = new ArrayList<>(lines.size());
        for (String l : lines) {
            if (!(comment != 0 && l.startsWith("#")) && !l.isBlank()) {
                data.add(l);
            }
        }
        String delim = delimiter;
        if (delim == null || delim.isEmpty()) {
            delim = String.valueOf(chooseDelimiter(data, quote, defaultDelimiter));
        }
        int skip = preamble(data, delim, quote);
        // preamble lines are counted in physical lines, comments included, as FastCSV skips them
        int physicalSkip = 0;
        if (skip > 0) {
            int seen = 0;
            for (String l : lines) {
                physicalSkip++;
                if (!(comment != 0 && l.startsWith("#")) && !l.isBlank()) {
                    seen++;
                    if (seen == skip) {
                        break;
                    }
                }
            }
        }
        char escape = text.contains("\\" + quote) && !text.contains("" + quote + quote) ? '\\' : 0;
        return new Dialect(delim, quote, escape, comment, physicalSkip);
    }

    /** Logical lines: a newline inside double quotes does not end one. */
    static List<String> lines(String text, boolean complete) {
        List<String> out = new ArrayList<>();
        boolean inQuote = false;
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n && out.size() < MAX_LINES; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            } else if ((c == '\n' || c == '\r') && !inQuote) {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (out.size() < MAX_LINES && start < n && complete) {
            out.add(text.substring(start));
        }
        if (out.isEmpty() && n > 0) {
            // one line longer than the sample: sniff what there is
            out.add(text);
        }
        return out;
    }

    private static char chooseQuote(String text) {
        if (text.indexOf('"') >= 0) {
            return '"';
        }
        int single = 0;
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' && (i == 0 || isBoundary(text.charAt(i - 1)))) {
                single++;
            }
        }
        return single >= 2 ? '\'' : '"';
    }

    private static boolean isBoundary(char c) {
        return c == ',' || c == ';' || c == '\t' || c == '|' || c == '\n' || c == '\r';
    }

    /**
     * The candidate whose per-line count is most often equal to its most common non-zero count;
     * ties go to the bigger count, then to the order of {@link #CANDIDATES}.
     */
    private static char chooseDelimiter(List<String> lines, char quote, char fallback) {
        char best = fallback;
        int bestAgree = 0;
        int bestCount = 0;
        for (char d : CANDIDATES) {
            Map<Integer, Integer> freq = new HashMap<>();
            for (String l : lines) {
                int c = count(l, String.valueOf(d), quote);
                if (c > 0) {
                    freq.merge(c, 1, Integer::sum);
                }
            }
            int mode = 0;
            int agree = 0;
            for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
                if (e.getValue() > agree || (e.getValue() == agree && e.getKey() > mode)) {
                    mode = e.getKey();
                    agree = e.getValue();
                }
            }
            if (agree > bestAgree || (agree == bestAgree && agree > 0 && mode > bestCount)) {
                best = d;
                bestAgree = agree;
                bestCount = mode;
            }
        }
        return best;
    }

    /** Leading lines whose field count differs from the count most lines agree on. */
    private static int preamble(List<String> lines, String delim, char quote) {
        if (lines.size() < 3) {
            return 0;
        }
        Map<Integer, Integer> freq = new HashMap<>();
        int[] counts = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            counts[i] = count(lines.get(i), delim, quote);
            freq.merge(counts[i], 1, Integer::sum);
        }
        int mode = 0;
        int agree = 0;
        for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
            if (e.getValue() > agree) {
                mode = e.getKey();
                agree = e.getValue();
            }
        }
        if (mode == 0 || agree < 2) {
            return 0;
        }
        // Rows that end with a delimiter (a trailing empty cell) have one more delimiter than their
        // header: a line just one short of them is that header, not a preamble.
        boolean trailing = true;
        for (int i = 0; i < lines.size() && trailing; i++) {
            if (counts[i] == mode) {
                String l = lines.get(i);
                int end = l.length();
                while (end > 0 && (l.charAt(end - 1) == '\r' || l.charAt(end - 1) == '\n')) {
                    end--;
                }
                trailing = end >= delim.length() && l.startsWith(delim, end - delim.length());
            }
        }
        int shortOf = trailing ? mode - 1 : mode;
        int skip = 0;
        while (skip < lines.size() && skip < MAX_SKIP && counts[skip] < shortOf) {
            skip++;
        }
        // only a clean run of agreeing lines after the preamble makes it a preamble
        return skip > 0 && skip < lines.size() && (counts[skip] == mode || counts[skip] == shortOf) ? skip : 0;
    }

    /** Delimiters outside quotes in one line. */
    static int count(String line, String delim, char quote) {
        int n = 0;
        boolean inQuote = false;
        char d0 = delim.charAt(0);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) {
                inQuote = !inQuote;
            } else if (!inQuote && c == d0 && line.startsWith(delim, i)) {
                n++;
                i += delim.length() - 1;
            }
        }
        return n;
    }
}
