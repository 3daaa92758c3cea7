package io.lumos.export.report;

import io.lumos.domain.diff.Downstream;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Shared wording for the report writers. */
final class Reports {
    private Reports() {}

    static String severityLabel(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** One line: 3 breaking, 1 non-breaking, 2 info; 1 ignored; exit 1 (fail-on breaking). */
    static String summaryLine(GateReport r) {
        Map<Severity, Long> c = r.counts();
        StringBuilder out = new StringBuilder()
                .append(c.get(Severity.BREAKING))
                .append(" breaking, ")
                .append(c.get(Severity.NON_BREAKING))
                .append(" non-breaking, ")
                .append(c.get(Severity.INFO))
                .append(" info");
        if (!r.ignored().isEmpty()) {
            out.append("; ").append(r.ignored().size()).append(" ignored");
        }
        out.append("; ")
                .append(r.blockingCount())
                .append(" blocking (fail-on ")
                .append(r.failOn().name().toLowerCase(Locale.ROOT))
                .append("): exit ")
                .append(r.exitCode());
        return out.toString();
    }

    static String downstreamText(Downstream d) {
        StringBuilder out = new StringBuilder(d.dataset().shortName());
        if (!d.columns().isEmpty()) {
            out.append('.').append(String.join("|", d.columns()));
        }
        if (d.possiblyAffected()) {
            out.append(" (possibly affected: dataset lineage only)");
        }
        out.append(" via ");
        for (int i = 0; i < d.path().size(); i++) {
            if (i > 0) {
                out.append(" -> ");
            }
            out.append(d.path().get(i).shortName());
        }
        return out.toString();
    }

    /** Stable across runs: the rule, the dataset and the path, not the wording or the line. */
    static String fingerprint(Finding f) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h =
                    md.digest((f.ruleId() + '|' + f.dataset().urn() + '|' + f.path()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
