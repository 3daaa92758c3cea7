package io.lumos.source.files;

import java.util.List;

/** Tab-separated files: the CSV reader with a tab as the delimiter unless one is configured. */
public class TsvFormatReader extends CsvFormatReader {
    @Override
    public String name() {
        return "tsv";
    }

    @Override
    public List<String> extensions() {
        return List.of(".tsv", ".tab", ".tsv.gz");
    }

    @Override
    public String description() {
        return "tab-separated files: type inference over a sample, exact counts with full_scan";
    }

    @Override
    protected char defaultDelimiter() {
        return '\t';
    }

    @Override
    protected boolean sniffDelimiter() {
        return false;
    }
}
