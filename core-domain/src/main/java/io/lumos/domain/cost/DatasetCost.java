package io.lumos.domain.cost;

import io.lumos.domain.DatasetId;
import java.math.BigDecimal;
import java.util.List;

/**
 * Where one dataset's cost came from and where it went.
 *
 * @param direct the cost given for this dataset itself (config or property), 0 when none
 * @param source where {@code direct} came from: {@code config}, {@code property cost.monthly},
 *     {@code property cost}, or null
 * @param received what upstream datasets passed down to this one
 * @param passedOn what this dataset passed on to its consumers (its whole cost when it has any)
 * @param attributed what this dataset finally carries: direct + received - passedOn
 */
public record DatasetCost(
        DatasetId dataset,
        List<String> owners,
        String domain,
        BigDecimal direct,
        String source,
        BigDecimal received,
        BigDecimal passedOn,
        BigDecimal attributed) {
    public DatasetCost {
        owners = List.copyOf(owners);
    }
}
