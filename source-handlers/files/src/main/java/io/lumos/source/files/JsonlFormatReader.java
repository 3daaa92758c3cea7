package io.lumos.source.files;

import java.util.List;

/** JSON Lines / NDJSON: one JSON value per line, read with the same streaming inference as JSON. */
public class JsonlFormatReader extends JsonFormatReader {
    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public List<String> extensions() {
        return List.of(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz");
    }

    @Override
    public String description() {
        return "JSON Lines files: the first records (or all, with full_scan) give the schema";
    }
}
