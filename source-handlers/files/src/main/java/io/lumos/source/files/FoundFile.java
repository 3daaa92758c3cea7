package io.lumos.source.files;

import io.lumos.spi.file.FileFormatReader;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One data file the walk found, with the attributes the walk already read. Lives only while the
 * walk hands it on: nothing keeps one per file.
 */
record FoundFile(Path path, String rel, long size, Instant modified, FileFormatReader reader) {}
