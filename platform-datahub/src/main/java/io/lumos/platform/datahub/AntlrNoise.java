package io.lumos.platform.datahub;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The client jar's Pegasus schema parser was generated with ANTLR 4.5 but bundles the 4.9.3 runtime;
 * loading it prints two "ANTLR ... version ... does not match" lines to stderr in every run that
 * touches DataHub. They are harmless and say nothing to a Lumos user, so the two classes are loaded
 * once with stderr held, and whatever else was printed meanwhile is passed on.
 */
final class AntlrNoise {
    private static volatile boolean done;

    private AntlrNoise() {}

    static void silence() {
        if (done) {
            return;
        }
        synchronized (AntlrNoise.class) {
            if (done) {
                return;
            }
            PrintStream err = System.err;
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
            try {
                ClassLoader loader = AntlrNoise.class.getClassLoader();
                Class.forName("com.linkedin.data.grammar.PdlLexer", true, loader);
                Class.forName("com.linkedin.data.grammar.PdlParser", true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // another client version: nothing to silence
            } finally {
                System.setErr(err);
                done = true;
            }
            held.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !(l.startsWith("ANTLR ") && l.contains("does not match the current runtime")))
                    .forEach(err::println);
        }
    }
}
