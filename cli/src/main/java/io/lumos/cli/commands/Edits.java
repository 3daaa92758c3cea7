package io.lumos.cli.commands;

import io.lumos.cli.Session;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One edit (an owner, a lineage edge) written to every catalog of the session. A usage error
 * writes nothing: every catalog's capabilities are checked before the first write. An outage
 * does not undo what other catalogs took: each catalog is written in turn, and the one that fails
 * (an exception, or writes that went to its dead-letter file) is named with what it did not get
 * and where its dead letters are; the exit code is then 3.
 */
final class Edits {
    private Edits() {}

    /** Throws, before anything is written, when a catalog of the session cannot take the edit. */
    static void requireAll(Session session, String what, Capability... needed) {
        List<CatalogAdapter> catalogs = session.catalogs();
        List<String> cannot = new ArrayList<>();
        List<String> can = new ArrayList<>();
        for (CatalogAdapter c : catalogs) {
            List<String> missing = new ArrayList<>();
            for (Capability capability : needed) {
                if (!c.can(capability)) {
                    missing.add(capability.describe());
                }
            }
            if (missing.isEmpty()) {
                can.add(c.name());
            } else {
                cannot.add("the " + c.name() + " catalog cannot " + String.join(" or ", missing));
            }
        }
        if (!cannot.isEmpty()) {
            throw new LumosException(
                    ErrorCode.UNSUPPORTED_OPERATION,
                    String.join("; ", cannot) + ": nothing written to any catalog (" + what + ")"
                            + (can.isEmpty()
                                    ? ""
                                    : "; to write it where it can go, run with --platform " + String.join(",", can)));
        }
    }

    /**
     * Writes and flushes the edit in each catalog in turn. Returns 0 when every catalog took it,
     * otherwise prints which catalogs got it and which did not (with their dead-letter files) and
     * returns the exit code of the worst failure (3 for an outage).
     */
    static int apply(Session session, PrintWriter err, String what, Consumer<CatalogAdapter> edit) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int code = 0;
        for (CatalogAdapter c : session.catalogs()) {
            long failedBefore = c.report().failed();
            try {
                edit.accept(c);
                c.flush();
            } catch (LumosException e) {
                failed.add(c.name() + " (" + e.getMessage() + deadLetters(c, failedBefore) + ")");
                code = Math.max(code, e.exitCode());
                continue;
            } catch (RuntimeException e) {
                failed.add(c.name() + " (" + e + deadLetters(c, failedBefore) + ")");
                code = Math.max(code, ErrorCode.INTERNAL.exitCode());
                continue;
            }
            EmitReport after = c.report();
            if (after.failed() > failedBefore) {
                failed.add(c.name() + " (" + (after.failed() - failedBefore) + " write(s) failed after retries"
                        + deadLetters(c, failedBefore) + ")");
                code = Math.max(code, ErrorCode.EMIT_FAILED.exitCode());
            } else {
                done.add(c.name());
            }
        }
        if (!failed.isEmpty()) {
            err.println("error: " + what + ": written to " + (done.isEmpty() ? "no catalog" : String.join(", ", done))
                    + "; not to " + String.join("; ", failed));
        }
        return code;
    }

    private static String deadLetters(CatalogAdapter c, long failedBefore) {
        EmitReport r = c.report();
        if (r.failed() <= failedBefore || r.deadLetterFile() == null) {
            return "";
        }
        return "; they are in " + r.deadLetterFile() + "; send them again with `lumos ingest --replay "
                + r.deadLetterFile() + "`";
    }
}
