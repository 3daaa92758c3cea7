package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.linkedin.data.template.JacksonDataTemplateCodec;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.events.metadata.ChangeType;
import com.linkedin.mxe.GenericAspect;
import com.linkedin.mxe.MetadataChangeProposal;
import datahub.event.EventFormatter;
import datahub.event.MetadataChangeProposalWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One metadata change proposal: the jar's {@link MetadataChangeProposal} and its JSON as
 * {@code RestEmitter} would post it (Pegasus codec, aspect as an escaped JSON string).
 */
record Proposal(String urn, String aspectName, MetadataChangeProposal mcp, String json) {
    private static final EventFormatter FORMATTER = new EventFormatter();
    private static final ThreadLocal<JacksonDataTemplateCodec> CODEC =
            ThreadLocal.withInitial(JacksonDataTemplateCodec::new);

    /** Bytes of the JSON, for batch size limits. */
    int size() {
        return json.length() + 1; // ASCII: EventFormatter escapes non-ASCII as \\uXXXX
    }

    static Proposal upsert(String entityType, String urn, String aspectName, RecordTemplate aspect) {
        try {
            MetadataChangeProposal mcp = FORMATTER.convert(MetadataChangeProposalWrapper.builder()
                    .entityType(entityType)
                    .entityUrn(urn)
                    .upsert()
                    .aspect(aspect)
                    .aspectName(aspectName)
                    .build());
            return of(mcp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-Patch proposal (RFC 6902 array), for edits that must not replace the whole aspect. */
    static Proposal patch(String entityType, String urn, String aspectName, String patchJson) {
        MetadataChangeProposal mcp = new MetadataChangeProposal()
                .setEntityType(entityType)
                .setEntityUrn(com.linkedin.common.urn.UrnUtils.getUrn(urn))
                .setChangeType(ChangeType.PATCH)
                .setAspectName(aspectName)
                .setAspect(new GenericAspect()
                        .setContentType("application/json")
                        .setValue(com.linkedin.data.ByteString.copyString(patchJson, StandardCharsets.UTF_8)));
        return of(mcp);
    }

    static Proposal of(MetadataChangeProposal mcp) {
        try {
            String json = CODEC.get().mapToString(mcp.data());
            return new Proposal(mcp.getEntityUrn().toString(), mcp.getAspectName(), mcp, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proposal back from its JSON (a dead letter's payload). */
    static Proposal parse(String json) {
        MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, json);
        return new Proposal(mcp.getEntityUrn().toString(), mcp.getAspectName(), mcp, json);
    }

    /** The aspect's own JSON, as carried inside the proposal. */
    String aspectJson() {
        return mcp.getAspect().getValue().asString(StandardCharsets.UTF_8);
    }
}
