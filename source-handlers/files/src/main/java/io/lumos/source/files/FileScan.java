package io.lumos.source.files;

import io.lumos.domain.Dataset;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import java.nio.file.Path;

/**
 * What the walking, reading and emitting of one scan share: the sink (its calls serialised), the
 * problem lines, how a path is shown, and whether the scan stopped on an Error.
 */
final class FileScan {
    private final String sourceName;
    private final PluginContext context;
    private final ScanSink sink;
    private final Object sinkLock = new Object();
    private final Path workingDirectory;
    private volatile boolean stopped;

    FileScan(String sourceName, PluginContext context, ScanSink sink) {
        this.sourceName = sourceName;
        this.context = context;
        this.sink = sink;
        this.workingDirectory = context.workingDirectory().toAbsolutePath().normalize();
    }

    String sourceName() {
        return sourceName;
    }

    PluginContext context() {
        return context;
    }

    void expect(long items) {
        synchronized (sinkLock) {
            sink.expect(items);
        }
    }

    void dataset(Dataset dataset) {
        synchronized (sinkLock) {
            sink.dataset(dataset);
        }
    }

    void problem(String location, String message, ErrorCode code, Throwable cause) {
        if (stopped) {
            return; // the scan ended on an Error: what the interrupted workers say is noise
        }
        synchronized (sinkLock) {
            sink.problem(new ScanProblem(sourceName, location, message, code, cause));
        }
    }

    void warn(String message) {
        context.reporter().warn(sourceName + ": " + message);
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** A path as the user thinks of it: relative to the working folder when inside it. */
    String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(workingDirectory) && !abs.equals(workingDirectory)) {
            return slashes(workingDirectory.relativize(abs));
        }
        return abs.toString();
    }

    static String slashes(Path rel) {
        String s = rel.toString();
        String separator = rel.getFileSystem().getSeparator();
        return separator.equals("/") ? s : s.replace(separator, "/");
    }
}
