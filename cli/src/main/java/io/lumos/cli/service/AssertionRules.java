package io.lumos.cli.service;

import io.lumos.cli.config.LumosConfig;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.assertion.Assertion;
import io.lumos.domain.assertion.AssertionEvaluator;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.assertion.AssertionStatus;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The config's {@code assertions:}, matched to datasets by glob as {@code ownership:} matches them. */
public final class AssertionRules {
    /** The rule id of a gate finding made by a failing assertion. */
    public static final String RULE_ID = "ASSERTION_FAILED";

    private final List<Assertion> assertions;
    private final List<Pattern> patterns = new ArrayList<>();

    public AssertionRules(LumosConfig config) {
        this.assertions = config.assertions();
        for (Assertion a : assertions) {
            patterns.add(ConfigRules.glob(a.dataset()));
        }
    }

    public boolean isEmpty() {
        return assertions.isEmpty();
    }

    /** The assertions that apply to a dataset. */
    public List<Assertion> matching(DatasetId id) {
        List<Assertion> out = new ArrayList<>();
        for (int i = 0; i < assertions.size(); i++) {
            if (ConfigRules.matches(patterns.get(i), id)) {
                out.add(assertions.get(i));
            }
        }
        return out;
    }

    /** Every assertion that applies to {@code current}, evaluated; {@code previous} may be null. */
    public List<AssertionResult> evaluate(Dataset current, Dataset previous, Instant now, String phase) {
        AssertionEvaluator evaluator = new AssertionEvaluator(now, phase);
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : matching(current.id())) {
            out.add(evaluator.evaluate(a, current, previous));
        }
        return out;
    }

    /** The gate's evaluation: every dataset of the change, each against its baseline version. */
    public List<AssertionResult> evaluate(CatalogSnapshot baseline, CatalogSnapshot current, Instant now) {
        Map<DatasetId, Dataset> before = new HashMap<>();
        baseline.datasets().forEach(d -> before.put(d.id(), d));
        List<AssertionResult> out = new ArrayList<>();
        for (Dataset d : current.datasets()) {
            out.addAll(evaluate(d, before.get(d.id()), now, "gate"));
        }
        out.sort(AssertionResult.ORDER);
        return out;
    }

    /**
     * A failing assertion as a gate finding with the severity it declares; one that could not be
     * decided (no row count known) is an INFO finding that says so.
     */
    public static List<Finding> findings(List<AssertionResult> results) {
        List<Finding> out = new ArrayList<>();
        for (AssertionResult r : results) {
            if (r.status() == AssertionStatus.PASS) {
                continue;
            }
            boolean failed = r.status() == AssertionStatus.FAIL;
            out.add(new Finding(
                    RULE_ID,
                    failed ? r.severity() : Severity.INFO,
                    !failed,
                    !failed,
                    r.dataset(),
                    "",
                    r.expected(),
                    r.actual(),
                    (failed ? "assertion " : "assertion could not be checked: ") + r.check() + " (" + r.expected()
                            + "): " + r.reason(),
                    null,
                    null,
                    List.of()));
        }
        return out;
    }
}
