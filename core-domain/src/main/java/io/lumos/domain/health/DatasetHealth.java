package io.lumos.domain.health;

import io.lumos.domain.DatasetId;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata health of one dataset: a score out of 100 (scaled when the weights do not add up to
 * 100) and, per criterion, the points earned and why the rest were lost.
 */
public record DatasetHealth(
        DatasetId dataset, List<String> owners, String domain, double score, List<CriterionScore> criteria) {
    public DatasetHealth {
        owners = List.copyOf(owners);
        criteria = List.copyOf(criteria);
    }

    /** A for 90 and above, B 75, C 50, D 25, else F. */
    public String grade() {
        return grade(score);
    }

    public static String grade(double score) {
        if (score >= 90) {
            return "A";
        }
        if (score >= 75) {
            return "B";
        }
        if (score >= 50) {
            return "C";
        }
        return score >= 25 ? "D" : "F";
    }

    public CriterionScore criterion(Criterion c) {
        for (CriterionScore s : criteria) {
            if (s.criterion() == c) {
                return s;
            }
        }
        throw new IllegalArgumentException("no score for " + c);
    }

    /** The reasons points were lost, in criterion order. */
    public List<String> reasons() {
        List<String> out = new ArrayList<>();
        for (CriterionScore s : criteria) {
            if (s.reason() != null) {
                out.add(s.reason());
            }
        }
        return out;
    }
}
