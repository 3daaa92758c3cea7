package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.linkedin.data.template.JacksonDataTemplateCodec;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.mxe.MetadataChangeProposal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String urn;
    private final String aspectName;
    private final byte[] json;
    private MetadataChangeProposal mcp;

    private Proposal(String urn, String aspectName, byte[] json, MetadataChangeProposal mcp) {
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

    /** The proposal's JSON (ASCII only). */
    String json() {
        return new String(json, StandardCharsets.US_ASCII);
    }

    /** The proposal's JSON as the bytes that go on the wire; do not modify. */
    byte[] bytes() {
        return json;
    }

    int size() {
        return json.length + 1;
    }

    /** The jar's record of this proposal, for the jar's file and Kafka emitters. */
    synchronized MetadataChangeProposal mcp() {
        if (mcp == null) {
            mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, json());
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
        Scratch out = SCRATCH.get();
        out.length = 0;
        out.ascii("{\"aspectName\":");
        out.quote(aspectName, false);
        out.ascii(",\"entityUrn\":");
        out.quote(urn, false);
        out.ascii(",\"entityType\":");
        out.quote(entityType, false);
        out.ascii(",\"changeType\":\"");
        out.ascii(changeType);
        out.ascii("\",\"aspect\":{\"contentType\":\"application/json\",\"value\":");
        out.quote(aspectJson, true);
        out.ascii("}}");
        return new Proposal(urn, aspectName, Arrays.copyOf(out.bytes, out.length), null);
    }

    /**
     * A reusable byte buffer per thread: the envelope is written into it in one tight loop over the
     * chars (appending char by char to a StringBuilder was a quarter of a bulk emit's CPU).
     */
    private static final class Scratch {
        byte[] bytes = new byte[16 * 1024];
        char[] chars = new char[16 * 1024];
        int length;

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** Text known to be ASCII with nothing to escape. */
        void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        /**
         * Appends {@code s} as a JSON string. Non-ASCII becomes {@code \\uXXXX}; inside the aspect
         * text ({@code twice}) that escape is itself escaped, so the aspect JSON GMS reads is ASCII,
         * as the jar's EventFormatter makes it.
         */
        void quote(String s, boolean twice) {
            int n = s.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            s.getChars(0, n, chars, 0);
            room(7 * n + 2); // the worst case: every char a twice-escaped \\uXXXX
            byte[] b = bytes;
            int at = length;
            b[at++] = '"';
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                } else if (c == '"' || c == '\\') {
                    b[at++] = '\\';
                    b[at++] = (byte) c;
                } else {
                    if (twice && c > 0x7e) {
                        b[at++] = '\\'; // the aspect text holds \\uXXXX, escaped once more here
                    }
                    b[at++] = '\\';
                    b[at++] = 'u';
                    b[at++] = HEX[(c >> 12) & 0xf];
                    b[at++] = HEX[(c >> 8) & 0xf];
                    b[at++] = HEX[(c >> 4) & 0xf];
                    b[at++] = HEX[c & 0xf];
                }
            }
            b[at++] = '"';
            length = at;
        }
    }

    /** A proposal back from its JSON (a dead letter's payload). */
    static Proposal parse(String json) {
        MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, json);
        return new Proposal(
                mcp.getEntityUrn().toString(), mcp.getAspectName(), json.getBytes(StandardCharsets.UTF_8), mcp);
    }
}
