package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffGateCommandsTest extends DiffGateSupport {
    @TempDir
    Path dir;

    private Path samples() throws Exception {
        return copySamples(dir).resolve("ci/snapshots");
    }

    @Test
    void diffOfTwoSnapshotsPrintsTextAndExitsZeroWithoutFailOn() throws Exception {
        Path s = samples();
        Result r = runAt(
                dir,
                Map.of(),
                "diff",
                s.resolve("baseline.json").toString(),
                s.resolve("current.json").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("BREAKING DECIMAL_SCALE_CHANGED postgres:shop.public.orders.amount")
                .contains("BREAKING FIELD_RENAMED postgres:shop.public.orders.voucher_code")
                .contains("INFO FIELD_DESCRIPTION_CHANGED postgres:shop.public.customers.email");
    }

    @Test
    void diffFailOnAndModes() throws Exception {
        Path s = samples();
        String a = s.resolve("baseline.json").toString();
        String b = s.resolve("current.json").toString();
        assertThat(runAt(dir, Map.of(), "diff", a, b, "--fail-on", "breaking").code())
                .isEqualTo(1);
        Result none = runAt(dir, Map.of(), "diff", a, b, "--mode", "NONE", "--fail-on", "breaking", "-f", "json");
        assertThat(none.code()).as(none.toString()).isZero();
        assertThat(none.out()).contains("\"mode\" : \"NONE\"");
        Result forward =
                runAt(dir, Map.of(), "diff", a, b, "--mode-for", "postgres:shop.public.orders=FORWARD", "-f", "json");
        assertThat(forward.out()).contains("\"mode\" : \"FORWARD\"");
    }

    @Test
    void twoSidesWithOneDatasetEachAreComparedWithEachOther() throws Exception {
        String v1 = "{\"formatVersion\":1,\"datasets\":[{\"platform\":\"avro\",\"name\":\"user_v1\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false},{\"name\":\"note\",\"type\":\"string\"}]}]}";
        String v2 = "{\"formatVersion\":1,\"datasets\":[{\"platform\":\"avro\",\"name\":\"user_v2\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}]}]}";
        Files.writeString(dir.resolve("v1.json"), v1);
        Files.writeString(dir.resolve("v2.json"), v2);
        Result r = runAt(dir, Map.of(), "diff", "v1.json", "v2.json", "--fail-on", "breaking");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("BREAKING FIELD_REMOVED avro:user_v2.note").doesNotContain("DATASET_ADDED");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path s = samples();
        String a = s.resolve("baseline.json").toString();
        assertThat(runAt(dir, Map.of(), "diff", a, a, "--mode", "SIDEWAYS").code())
                .isEqualTo(2);
        assertThat(runAt(dir, Map.of(), "diff", a, a, "-f", "pdf").err()).contains("unknown report format 'pdf'");
        assertThat(runAt(dir, Map.of(), "gate", "--baseline", a).code()).isEqualTo(2);
        assertThat(runAt(dir, Map.of(), "gate", "--current", a).code()).isEqualTo(2);
        assertThat(runAt(dir, Map.of(), "gate", "--baseline", "missing.json", "--current", a)
                        .code())
                .isEqualTo(2);
    }

    @Test
    void ignoreFileProblemsAreConfigErrors() throws Exception {
        Path s = samples();
        String a = s.resolve("baseline.json").toString();
        Files.writeString(
                dir.resolve("bad.yaml"), "ignore:\n  - dataset: x:y\n    rule: FIELD_REMOVED\n    reson: typo\n");
        Result r = runAt(dir, Map.of(), "gate", "--baseline", a, "--current", a, "--ignore", "bad.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'reson'").contains("needs a reason");
    }

    @Test
    void expiredIgnoreEntryWarnsAndNoLongerApplies() throws Exception {
        Path s = samples();
        Files.writeString(
                dir.resolve("old.yaml"),
                "ignore:\n  - dataset: '*'\n    rule: DECIMAL_SCALE_CHANGED\n"
                        + "    reason: migration window\n    expires: 2026-10-01\n");
        Result r = runAt(
                dir,
                Map.of(),
                "gate",
                "--baseline",
                s.resolve("baseline.json").toString(),
                "--current",
                s.resolve("current.json").toString(),
                "--ignore",
                "old.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("expired on 2026-10-01");
        Files.writeString(
                dir.resolve("ok.yaml"),
                "ignore:\n  - dataset: '*'\n    rule: DECIMAL_SCALE_CHANGED\n"
                        + "    reason: migration window\n    expires: 2026-12-01\n"
                        + "  - {dataset: '*', rule: FIELD_RENAMED, reason: by id}\n");
        Result ok = runAt(
                dir,
                Map.of(),
                "gate",
                "--baseline",
                s.resolve("baseline.json").toString(),
                "--current",
                s.resolve("current.json").toString(),
                "--ignore",
                "ok.yaml");
        assertThat(ok.code()).as(ok.toString()).isZero();
    }

    @Test
    void aTargetNoSourceReadsIsAUsageError() throws Exception {
        Path s = samples();
        Result r = runAt(
                dir,
                Map.of(),
                "gate",
                "--baseline",
                s.resolve("baseline.json").toString(),
                "--current",
                "nosuch://where");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("nosuch://");
    }
}
