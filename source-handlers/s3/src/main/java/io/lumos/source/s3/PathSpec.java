package io.lumos.source.s3;

import io.lumos.spi.file.PathSpec.Match;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path spec as DataHub writes it, placed on a bucket: {@code s3://bucket/warehouse/{table}/dt={partition[0]}/*.parquet}.
 * The parsing and matching are the SPI's {@link io.lumos.spi.file.PathSpec}, which the files source
 * shares (its levels and features are described there); here the bucket is its first level, and
 * the spec must end with a file pattern or {@code {table}}.
 */
final class PathSpec {
    private final io.lumos.spi.file.PathSpec spec;

    private PathSpec(io.lumos.spi.file.PathSpec spec) {
        this.spec = spec;
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the spec */
    static PathSpec parse(String include) {
        S3Uri uri = S3Uri.parse(include);
        String path = uri.key();
        boolean endsInTable = path.endsWith("{table}") || path.endsWith("{table}/");
        if (!endsInTable && (path.isEmpty() || path.endsWith("/"))) {
            throw new IllegalArgumentException(
                    "path spec '" + include + "' must end with a file pattern such as *.parquet, or with {table}");
        }
        if (uri.bucket().equals("**")) {
            throw new IllegalArgumentException("path spec '" + include + "': the bucket cannot be **");
        }
        return new PathSpec(io.lumos.spi.file.PathSpec.parse(include, uri.bucket() + "/" + path));
    }

    /** This spec with its own {@code default_extension}. */
    PathSpec withDefaultExtension(String extension) {
        return new PathSpec(spec.withDefaultExtension(extension));
    }

    /** The spec's own {@code default_extension}, or null. */
    String defaultExtension() {
        return spec.defaultExtension();
    }

    String include() {
        return spec.include();
    }

    boolean hasTable() {
        return spec.hasTable();
    }

    /** The bucket name, or null when the bucket level is a pattern (then every bucket is listed). */
    String literalBucket() {
        return spec.literal(0);
    }

    boolean bucketMatches(String bucket) {
        return spec.levelMatches(0, bucket);
    }

    /** The longest literal key prefix, to list as little as possible. */
    String listPrefix() {
        return spec.literalPrefix(1);
    }

    /** The match of an object: its table is {@code bucket/folders/table} (or {@code bucket/key}). */
    Optional<Match> match(String bucket, String key) {
        String[] keyParts = key.split("/", -1);
        String[] parts = new String[keyParts.length + 1];
        parts[0] = bucket;
        System.arraycopy(keyParts, 0, parts, 1, keyParts.length);
        return spec.match(parts);
    }

    /** A glob over whole URIs for {@code exclude}: {@code **} crosses levels, {@code *} does not. */
    static Pattern glob(String glob) {
        return io.lumos.spi.file.PathSpec.glob(glob);
    }

    @Override
    public String toString() {
        return spec.include();
    }
}
