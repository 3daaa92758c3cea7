package io.lumos.platform.datahub;

import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionResultType;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.assertion.AssertionRunStatus;
import com.linkedin.assertion.AssertionSource;
import com.linkedin.assertion.AssertionSourceType;
import com.linkedin.assertion.AssertionStdAggregation;
import com.linkedin.assertion.AssertionStdOperator;
import com.linkedin.assertion.AssertionStdParameter;
import com.linkedin.assertion.AssertionStdParameterType;
import com.linkedin.assertion.AssertionStdParameters;
import com.linkedin.assertion.AssertionType;
import com.linkedin.assertion.DatasetAssertionInfo;
import com.linkedin.assertion.DatasetAssertionScope;
import com.linkedin.common.AuditStamp;
import com.linkedin.common.UrnArray;
import com.linkedin.common.urn.DatasetUrn;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.data.template.StringMap;
import io.lumos.domain.assertion.AssertionKind;
import io.lumos.domain.assertion.AssertionResult;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assertion results as DataHub's {@code assertion} entities, as external tools (Great
 * Expectations, dbt tests) report them: an {@code assertionInfo} of type DATASET naming the dataset,
 * scope, operator and Lumos's own check as the native type, and one {@code assertionRunEvent} (a
 * timeseries aspect) per evaluation with SUCCESS, FAILURE or ERROR and the reason.
 */
final class AssertionMapping {
    /** The aspects written here and the DataHub classes that read them. */
    static final Map<String, Class<? extends RecordTemplate>> ASPECTS =
            Map.of("assertionInfo", AssertionInfo.class, "assertionRunEvent", AssertionRunEvent.class);

    private AssertionMapping() {}

    /** A stable URN per dataset and check: the same assertion entity on every run. */
    static String assertionUrn(AssertionResult r) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("lumos|" + r.assertionKey()).getBytes(StandardCharsets.UTF_8));
            return "urn:li:assertion:lumos-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The assertion's definition: one per dataset and check, from the newest result. */
    static AssertionInfo info(AssertionResult r) throws URISyntaxException {
        DatasetUrn dataset = DatasetMapping.datasetUrn(r.dataset());
        DatasetAssertionInfo d = new DatasetAssertionInfo()
                .setDataset(dataset)
                .setNativeType("lumos:" + r.kind().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, String> nativeParameters = new LinkedHashMap<>();
        nativeParameters.put("check", r.check());
        if (r.expected() != null) {
            nativeParameters.put("expected", r.expected());
        }
        nativeParameters.put("severity", r.severity().name());
        d.setNativeParameters(new StringMap(nativeParameters));
        String field = r.check().contains(":") ? r.check().substring(r.check().indexOf(':') + 1) : null;
        switch (r.kind()) {
            case ROW_COUNT ->
                d.setScope(DatasetAssertionScope.DATASET_ROWS)
                        .setAggregation(AssertionStdAggregation.ROW_COUNT)
                        .setOperator(AssertionStdOperator._NATIVE_);
            case FIELD_TYPE ->
                d.setScope(DatasetAssertionScope.DATASET_COLUMN)
                        .setFields(fields(dataset, List.of(field)))
                        .setAggregation(AssertionStdAggregation.IDENTITY)
                        .setOperator(AssertionStdOperator._NATIVE_);
            case NOT_NULL ->
                d.setScope(DatasetAssertionScope.DATASET_COLUMN)
                        .setFields(fields(dataset, List.of(field)))
                        .setAggregation(AssertionStdAggregation.IDENTITY)
                        .setOperator(AssertionStdOperator.NOT_NULL);
            case UNIQUE_KEY ->
                d.setScope(DatasetAssertionScope.DATASET_COLUMN)
                        .setFields(fields(dataset, List.of(field.split(","))))
                        .setAggregation(AssertionStdAggregation.UNIQUE_PROPORTION)
                        .setOperator(AssertionStdOperator.EQUAL_TO)
                        .setParameters(new AssertionStdParameters()
                                .setValue(new AssertionStdParameter()
                                        .setType(AssertionStdParameterType.NUMBER)
                                        .setValue("1")));
            case FRESHNESS, SCHEMA_COMPATIBLE ->
                d.setScope(
                                r.kind() == AssertionKind.FRESHNESS
                                        ? DatasetAssertionScope.DATASET_ROWS
                                        : DatasetAssertionScope.UNKNOWN)
                        .setOperator(AssertionStdOperator._NATIVE_);
        }
        return new AssertionInfo()
                .setType(AssertionType.DATASET)
                .setDatasetAssertion(d)
                .setDescription(
                        r.check() + ": " + (r.expected() == null ? r.kind().name() : r.expected()))
                .setSource(new AssertionSource().setType(AssertionSourceType.EXTERNAL))
                .setLastUpdated(new AuditStamp()
                        .setTime(r.evaluatedAt().toEpochMilli())
                        .setActor(Urn.createFromString(DatasetMapping.ACTOR)));
    }

    private static UrnArray fields(DatasetUrn dataset, List<String> paths) throws URISyntaxException {
        List<Urn> out = new ArrayList<>();
        for (String p : paths) {
            out.add(SchemaMapping.schemaFieldUrn(dataset, p));
        }
        return new UrnArray(out);
    }

    /** One evaluation, as the run event DataHub shows in the assertion's history. */
    static AssertionRunEvent runEvent(AssertionResult r) throws URISyntaxException {
        Map<String, String> nativeResults = new LinkedHashMap<>();
        nativeResults.put("reason", r.reason());
        if (r.actual() != null) {
            nativeResults.put("actual", r.actual());
        }
        if (r.expected() != null) {
            nativeResults.put("expected", r.expected());
        }
        nativeResults.put("phase", r.phase());
        com.linkedin.assertion.AssertionResult result = new com.linkedin.assertion.AssertionResult()
                .setType(
                        switch (r.status()) {
                            case PASS -> AssertionResultType.SUCCESS;
                            case FAIL -> AssertionResultType.FAILURE;
                            case ERROR -> AssertionResultType.ERROR;
                        })
                .setNativeResults(new StringMap(nativeResults));
        if (r.kind() == AssertionKind.ROW_COUNT && r.actual() != null) {
            result.setRowCount(Long.parseLong(r.actual()));
        }
        long millis = r.evaluatedAt().toEpochMilli();
        return new AssertionRunEvent()
                .setTimestampMillis(millis)
                .setRunId("lumos-" + r.phase() + "-" + millis)
                .setAsserteeUrn(DatasetMapping.datasetUrn(r.dataset()))
                .setAssertionUrn(Urn.createFromString(assertionUrn(r)))
                .setStatus(AssertionRunStatus.COMPLETE)
                .setResult(result);
    }
}
