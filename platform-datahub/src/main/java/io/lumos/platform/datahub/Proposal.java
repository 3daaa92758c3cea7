package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.linkedin.data.template.JacksonDataTemplateCodec;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.mxe.MetadataChangeProposal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One metadata change proposal as the JSON that GMS's {@code ingestProposal(Batch)} reads and the
 * jar's RestEmitter posts: {@code {aspectName, entityUrn, entityType, changeType,
 * aspect:{contentType, value}}} with the aspect serialised by the jar's Pegasus codec and, as the
 * jar's EventFormatter does, non-ASCII escaped so the aspect text is plain ASCII.
 *
 * <p>The envelope is written here rather than by EventFormatter plus a second codec pass: that
 * pair encodes every aspect three times and was half the CPU of a bulk emit. The jar's own
 * {@link MetadataChangeProposal} is parsed from this JSON when a transport needs it (file, Kafka),
 * and the tests parse every proposal back with it.
 */
final class Proposal {
    private static final ThreadLocal<JacksonDataTemplateCodec> CODEC =
            ThreadLocal.withInitial(JacksonDataTemplateCodec::new);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String urn;
    private final String aspectName;
    private final String json;
    private MetadataChangeProposal mcp;

    private Proposal(String urn, String aspectName, String json, MetadataChangeProposal mcp) {
        this.urn = urn;
        this.aspectName = aspectName;
        this.json = json;
        this.mcp = mcp;
    }

    String urn() {
        return urn;
    }

    String aspectName() {
        return aspectName;
    }

    /** The proposal's JSON: ASCII only, so its length is its size in bytes. */
    String json() {
        return json;
    }

    int size() {
        return json.length() + 1;
    }

    /** The jar's record of this proposal, for the jar's file and Kafka emitters. */
    synchronized MetadataChangeProposal mcp() {
        if (mcp == null) {
            mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, json);
        }
        return mcp;
    }

    /** The aspect's own JSON, as carried inside the proposal. */
    String aspectJson() {
        return mcp().getAspect().getValue().asString(StandardCharsets.UTF_8);
    }

    static Proposal upsert(String entityType, String urn, String aspectName, RecordTemplate aspect) {
        try {
            return envelope(entityType, urn, aspectName, "UPSERT", CODEC.get().mapToString(aspect.data()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-Patch proposal (RFC 6902 array), for edits that must not replace the whole aspect. */
    static Proposal patch(String entityType, String urn, String aspectName, String patchJson) {
        return envelope(entityType, urn, aspectName, "PATCH", patchJson);
    }

    private static Proposal envelope(
            String entityType, String urn, String aspectName, String changeType, String aspectJson) {
        StringBuilder out = new StringBuilder(aspectJson.length() + urn.length() + 160);
        out.append("{\"aspectName\":");
        quote(out, aspectName, false);
        out.append(",\"entityUrn\":");
        quote(out, urn, false);
        out.append(",\"entityType\":");
        quote(out, entityType, false);
        out.append(",\"changeType\":\"")
                .append(changeType)
                .append("\",\"aspect\":{\"contentType\":\"application/json\",\"value\":");
        quote(out, aspectJson, true);
        out.append("}}");
        return new Proposal(urn, aspectName, out.toString(), null);
    }

    /**
     * Appends {@code s} as a JSON string. Non-ASCII becomes {@code \\uXXXX}; inside the aspect text
     * ({@code twice}) that escape is itself escaped, so the aspect JSON GMS reads is ASCII, as the
     * jar's EventFormatter makes it.
     */
    private static void quote(StringBuilder out, String s, boolean twice) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                if (twice && c > 0x7e) {
                    out.append('\\'); // the aspect text holds \\uXXXX, escaped once more here
                }
                out.append("\\u")
                        .append(HEX[(c >> 12) & 0xf])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** A proposal back from its JSON (a dead letter's payload). */
    static Proposal parse(String json) {
        MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, json);
        return new Proposal(mcp.getEntityUrn().toString(), mcp.getAspectName(), json, mcp);
    }
}
