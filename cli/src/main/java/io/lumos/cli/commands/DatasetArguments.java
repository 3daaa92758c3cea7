package io.lumos.cli.commands;

import io.lumos.cli.Session;
import io.lumos.cli.service.ConfigRules;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;

/** Dataset ids from the command line: a URN or the shorthand {@code platform:name}. */
final class DatasetArguments {
    private DatasetArguments() {}

    static DatasetId parse(Session session, String text) {
        try {
            return DatasetId.parse(text, session.environment());
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.USAGE, e.getMessage());
        }
    }

    /** Whether an ID argument is a glob ({@code csv:*}, {@code postgres:shop.public.order?}). */
    static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /**
     * The datasets an ID argument names: the one dataset, or every dataset a glob matches (as the
     * config's {@code ownership:} matches them); none is a user error.
     */
    static java.util.List<Dataset> resolve(Session session, String text) {
        if (!isGlob(text)) {
            return java.util.List.of(require(session, parse(session, text)));
        }
        java.util.regex.Pattern glob = ConfigRules.glob(text);
        java.util.List<Dataset> out = new java.util.ArrayList<>();
        session.catalog().forEachDataset(d -> {
            if (ConfigRules.matches(glob, d.id())) {
                out.add(d);
            }
        });
        if (out.isEmpty()) {
            throw new LumosException(
                    ErrorCode.UNKNOWN_DATASET,
                    "no dataset in the " + session.catalog().name() + " catalog matches '" + text
                            + "' (`lumos datasets list` shows what is there)");
        }
        out.sort(java.util.Comparator.comparing(Dataset::id));
        return out;
    }

    /** The dataset, or a user error that says how to find the right id. */
    static Dataset require(Session session, DatasetId id) {
        CatalogAdapter catalog = session.catalog();
        return catalog.dataset(id).orElseThrow(() -> unknown(catalog, id));
    }

    static LumosException unknown(CatalogAdapter catalog, DatasetId id) {
        String hint = "";
        if (catalog.can(Capability.SEARCH)) {
            var similar = catalog.search(id.name(), 3);
            if (!similar.isEmpty()) {
                hint = "; did you mean " + similar.get(0).id().shortName() + "?";
            }
        }
        return new LumosException(
                ErrorCode.UNKNOWN_DATASET,
                "no dataset " + id.shortName() + " in the " + catalog.name() + " catalog" + hint
                        + " (`lumos datasets list` shows what is there)");
    }
}
