package io.lumos.platform.marquez;

import io.lumos.domain.DatasetId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * How our dataset ids map to OpenLineage (namespace, name), and the deterministic names of the jobs
 * and runs we make up.
 *
 * <p>Without a fixed namespace, each platform is a namespace ({@code postgres}; {@code postgres@dev}
 * outside PROD) and the name is ours. With a fixed namespace, the name carries the platform:
 * {@code postgres/shop.public.orders}. The lumos facet keeps the exact id either way.
 */
public final class MarquezNames {
    private final String fixedNamespace;
    private final String jobNamespace;

    public MarquezNames(String fixedNamespace, String jobNamespace) {
        this.fixedNamespace = fixedNamespace;
        this.jobNamespace = jobNamespace;
    }

    public record Ref(String namespace, String name) {
        public String key() {
            return namespace + "\u0000" + name;
        }

        public String nodeId() {
            return "dataset:" + namespace + ":" + name;
        }
    }

    public String jobNamespace() {
        return jobNamespace;
    }

    public String fixedNamespace() {
        return fixedNamespace;
    }

    public Ref ref(DatasetId id) {
        if (fixedNamespace != null) {
            String env = "PROD".equals(id.env()) ? "" : "@" + id.env().toLowerCase(Locale.ROOT);
            return new Ref(fixedNamespace, id.platform() + env + "/" + id.name());
        }
        return new Ref(namespaceOf(id.platform(), id.env()), id.name());
    }

    static String namespaceOf(String platform, String env) {
        return "PROD".equals(env) ? platform : platform + "@" + env.toLowerCase(Locale.ROOT);
    }

    /** The id of a dataset we did not write (no lumos facet): derived from its namespace and name. */
    public DatasetId idOf(String namespace, String name) {
        if (fixedNamespace != null && namespace.equals(fixedNamespace)) {
            int slash = name.indexOf('/');
            if (slash > 0 && slash < name.length() - 1) {
                String head = name.substring(0, slash);
                String env = "PROD";
                int at = head.indexOf('@');
                if (at > 0) {
                    env = head.substring(at + 1);
                    head = head.substring(0, at);
                }
                if (!head.contains(",") && !head.contains(")") && !head.contains(":")) {
                    return new DatasetId(head, name.substring(slash + 1), env);
                }
            }
        }
        String platform = namespace;
        String env = "PROD";
        int scheme = namespace.indexOf("://");
        if (scheme > 0) {
            platform = namespace.substring(0, scheme);
            name = namespace.substring(scheme + 3) + "/" + name;
        } else {
            int at = namespace.lastIndexOf('@');
            if (at > 0) {
                env = namespace.substring(at + 1);
                platform = namespace.substring(0, at);
            }
        }
        platform = platform.replace(',', '_').replace(')', '_');
        return new DatasetId(platform, name, env);
    }

    /** The synthetic job that carries the lineage into one downstream dataset. */
    public String lineageJob(Ref downstream) {
        return "lineage." + downstream.namespace() + "." + downstream.name();
    }

    /** The synthetic job whose runs carry our versions of one dataset. */
    public String versionJob(Ref dataset) {
        return "version." + dataset.namespace() + "." + dataset.name();
    }

    /** A name-based UUID of the given parts, so that a re-send reuses the run id. */
    public static UUID uuidOf(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            byte[] h = md.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5 layout (name-based, SHA)
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (h[i] & 0xff);
                lsb = (lsb << 8) | (h[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One path segment: {@code /} and {@code ://} become {@code %2F}, {@code %3A%2F%2F}. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
