package io.lumos.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs diff/gate command lines with a fixed clock, so ignore-file expiry dates never time-bomb. */
class DiffGateSupport extends CliTestSupport {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    Result runAt(Path workingDirectory, Map<String, String> extraEnv, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.util.Map<String, String> e = new java.util.HashMap<>(env);
        e.putAll(extraEnv);
        CliRuntime runtime = new CliRuntime(
                new PrintWriter(out, true), new PrintWriter(err, true), e, workingDirectory, FIXED, false);
        int code = Main.run(runtime, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Splits a shell command line: double and single quotes, $VAR and ${VAR} from {@code vars}. */
    static List<String> shellWords(String line, Map<String, String> vars) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '$' && quote != '\'') {
                int j = i + 1;
                boolean braces = j < line.length() && line.charAt(j) == '{';
                if (braces) {
                    j++;
                }
                int start = j;
                while (j < line.length() && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
                    j++;
                }
                String name = line.substring(start, j);
                if (!vars.containsKey(name)) {
                    throw new IllegalArgumentException("variable $" + name + " not given to the test");
                }
                cur.append(vars.get(name));
                i = braces ? j : j - 1;
            } else {
                cur.append(c);
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
