package io.lumos.cli.service;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.json.ModelJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes of a dataset's schema and of its descriptive metadata, stored with each version so that
 * an unchanged dataset gets no new version. Statistics, the version itself and a source's
 * bookkeeping properties (OpenLineage's event times) are left out.
 */
public final class Fingerprints {
    private Fingerprints() {}

    public static String of(Dataset d) {
        StringBuilder schema = new StringBuilder();
        for (Field f : d.fields()) {
            schema.append(fieldJson(f)).append('\n');
        }
        String metadata = String.join(
                "|",
                String.valueOf(d.description()),
                d.subtype(),
                d.tags().toString(),
                d.glossaryTerms().toString(),
                d.owners().toString(),
                String.valueOf(d.domain()),
                d.status().name(),
                metadataProperties(d).toString());
        return "s:" + hash(schema.toString()) + " m:" + hash(metadata);
    }

    /** The properties that are metadata: not a source's bookkeeping ({@link io.lumos.spi.CatalogView#STATE_PREFIX}). */
    private static java.util.Map<String, String> metadataProperties(Dataset d) {
        boolean any = false;
        for (String k : d.properties().keySet()) {
            any |= k.startsWith(io.lumos.spi.CatalogView.STATE_PREFIX);
        }
        if (!any) {
            return d.properties();
        }
        java.util.Map<String, String> out = new java.util.TreeMap<>(d.properties());
        out.keySet().removeIf(k -> k.startsWith(io.lumos.spi.CatalogView.STATE_PREFIX));
        return out;
    }

    public static String schemaPart(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        int space = fingerprint.indexOf(' ');
        return space < 0 ? fingerprint : fingerprint.substring(0, space);
    }

    private static String fieldJson(Field f) {
        Dataset holder = Dataset.builder(io.lumos.domain.DatasetId.of("x", "x"))
                .fields(java.util.List.of(f))
                .build();
        return ModelJson.toJson(holder);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
