package io.lumos.spi.run;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import java.util.List;
import java.util.Map;

/**
 * What a run is before it starts: its job, where it reads and writes, and who started it.
 *
 * @param namespace the job's namespace; null: the catalogs' default
 * @param parent the run that started this one; null when none
 */
public record RunSpec(
        String job,
        String namespace,
        List<DatasetId> inputs,
        List<DatasetId> outputs,
        Map<String, String> args,
        ParentRun parent) {

    public RunSpec {
        requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new IllegalArgumentException("a pipeline run needs a job name");
        }
        job = job.strip();
        namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    public static RunSpec of(String job, List<DatasetId> inputs, List<DatasetId> outputs) {
        return new RunSpec(job, null, inputs, outputs, Map.of(), null);
    }
}
