package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import io.lumos.spi.file.SchemaMerger;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the schemas of the files the second walk hands over, on a bounded pool, and merges each
 * dataset's schemas in file order as they arrive. The walk waits when the pool has a few files per
 * thread queued, so what is in flight is bounded by the threads, not by the files; a dataset is
 * handed to {@code done} as soon as its last file is merged.
 */
final class SchemaReads implements AutoCloseable {
    private static final int QUEUED_PER_THREAD = 4;

    private final FileScan scan;
    private final FileReadOptions options;
    private final Consumer<Pending> done;
    private final ExecutorService pool;
    private final Semaphore queued;
    private volatile Throwable failure;

    /** With {@code threads} 0 every file is read on the calling thread. */
    SchemaReads(FileScan scan, FileReadOptions options, int threads, Consumer<Pending> done) {
        this.scan = scan;
        this.options = options;
        this.done = done;
        this.pool = threads == 0
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "lumos-files");
                    t.setDaemon(true);
                    return t;
                });
        this.queued = new Semaphore(Math.max(1, threads * QUEUED_PER_THREAD));
    }

    /**
     * One dataset's progress. Files are read on the pool in any order but merged in file order, so
     * the result does not depend on the threads: a schema that arrives before its predecessors waits
     * in {@code early} until they are merged, and each is dropped once merged. What is kept per
     * dataset is the merged schema and that window (about as many schemas as threads), never one per
     * file.
     */
    static final class Pending {
        /**
         * Schemas that may wait for an earlier file's: a reader thread that finds this many waiting
         * waits too, so that a slow file cannot let the others read a table's files far ahead and
         * park every schema (the window must not grow with the files).
         */
        private static final int MAX_EARLY = 16;

        final DatasetPlan plan;
        private SchemaMerger merger;
        // empty: the file's read failed (a schema equal to an empty one must still be merged)
        private final Map<Integer, java.util.Optional<FileSchema>> early = new HashMap<>();
        private final Map<Integer, FoundFile> earlyFiles = new HashMap<>();
        private int next;
        /** Handed to the pool so far; only the walking thread writes it. */
        private int submitted;
        /** Every file of the dataset has been handed over. */
        private boolean sealed;
        /** A thread is merging: only it touches the merger, read and newestRead. */
        private boolean merging;
        /** A merge failed: the dataset is dropped, and no thread waits for it any more. */
        private boolean failed;

        private boolean done;
        int read;
        FoundFile newestRead;

        Pending(DatasetPlan plan) {
            this.plan = plan;
            this.merger = plan.reader().merger();
        }

        private synchronized int slot() {
            return submitted++;
        }

        /** How many files have been handed over. */
        synchronized int submitted() {
            return submitted;
        }

        /** The merged schema; once the dataset is emitted the merge's memory is let go. */
        synchronized FileSchema result() {
            return merger.result();
        }

        synchronized void release() {
            merger = null;
            early.clear();
            earlyFiles.clear();
        }

        /** No more files: true when this call finds every file merged (the caller emits). */
        synchronized boolean seal() {
            sealed = true;
            if (!merging && !done && !failed && next == submitted) {
                done = true;
                return true;
            }
            return false;
        }

        /**
         * Records a file's schema (null: its read failed); true for the one call after which every
         * file is merged. The thread that finds the next schemas in file order merges them outside
         * the lock, so the other threads only wait to drop their schema off, never for a merge
         * (unless {@link #MAX_EARLY} schemas already wait for an earlier file).
         */
        boolean arrived(int slot, FoundFile file, FileSchema schema, FileScan scan) {
            synchronized (this) {
                while (slot != next && early.size() >= MAX_EARLY && !failed && !scan.stopped()) {
                    try {
                        wait(100); // the thread reading file `next` is running: it ends the wait
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                if (failed || scan.stopped()) {
                    return false;
                }
                early.put(slot, java.util.Optional.ofNullable(schema));
                earlyFiles.put(slot, file);
                if (merging) {
                    return false; // the merging thread will take it
                }
                merging = true;
            }
            while (true) {
                java.util.Optional<FileSchema> s;
                FoundFile f;
                synchronized (this) {
                    s = early.remove(next);
                    f = earlyFiles.remove(next);
                    notifyAll();
                    if (s == null) {
                        merging = false;
                        if (!sealed || next < submitted || done) {
                            return false;
                        }
                        done = true;
                        return true;
                    }
                    next++;
                }
                if (s.isPresent()) {
                    try {
                        merger.add(s.get());
                    } catch (RuntimeException e) {
                        synchronized (this) {
                            failed = true;
                            merging = false;
                            early.clear();
                            earlyFiles.clear();
                            notifyAll();
                        }
                        throw e;
                    }
                    read++;
                    if (newestRead == null || f.modified().isAfter(newestRead.modified())) {
                        newestRead = f;
                    }
                }
            }
        }
    }

    /** Reads the file for the dataset, on the pool (waiting while the pool is full) or on this thread. */
    void submit(Pending pending, FoundFile file) {
        rethrow();
        int slot = pending.slot();
        if (pool == null) {
            readOne(pending, slot, file);
            return;
        }
        try {
            queued.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.SOURCE_FAILED, scan.sourceName() + ": the scan was interrupted", e);
        }
        pool.execute(() -> {
            try {
                if (!scan.stopped()) {
                    readOne(pending, slot, file);
                }
            } catch (Error | RuntimeException e) {
                // out of memory, say: the other workers would only thrash, so they stop at their next
                // file and the Error reaches the caller
                scan.stop();
                if (failure == null) {
                    failure = e;
                }
            } finally {
                queued.release();
            }
        });
    }

    /** Every file of the dataset has been handed over. */
    void seal(Pending pending) {
        if (pending.seal()) {
            emit(pending);
        }
    }

    /** Waits for the reads in flight; rethrows what stopped a worker. */
    void finish() {
        if (pool != null) {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // the reads in flight end on their own; a stuck file system shows as no progress
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LumosException(ErrorCode.SOURCE_FAILED, scan.sourceName() + ": the scan was interrupted", e);
            }
        }
        rethrow();
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof Error error) {
            throw error;
        }
        if (f != null) {
            throw new LumosException(ErrorCode.INTERNAL, scan.sourceName() + ": a reader thread failed: " + f, f);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void readOne(Pending pending, int slot, FoundFile f) {
        FileSchema schema = null;
        try (FileSeekableInput input = new FileSeekableInput(f.path())) {
            schema = f.reader().read(input, options);
        } catch (LumosException e) {
            scan.problem(scan.display(f.path()), e.getMessage(), e.code(), e);
        } catch (IOException e) {
            scan.problem(scan.display(f.path()), IoProblems.describe(e), ErrorCode.BAD_INPUT, e);
        } catch (RuntimeException | StackOverflowError e) {
            // a reader's bug or a file it cannot cope with must not end the scan of the others
            scan.problem(
                    scan.display(f.path()),
                    "the " + f.reader().name() + " reader failed: " + e,
                    ErrorCode.BAD_INPUT,
                    e);
        }
        boolean last;
        try {
            last = pending.arrived(slot, f, schema, scan);
        } catch (RuntimeException e) {
            scan.problem(
                    scan.display(f.path()),
                    "cannot merge the schema into " + scan.display(pending.plan.location) + ": " + e,
                    ErrorCode.INTERNAL,
                    e);
            return;
        }
        if (last) {
            emit(pending);
        }
    }

    private void emit(Pending pending) {
        try {
            done.accept(pending);
        } catch (RuntimeException e) {
            scan.problem(scan.display(pending.plan.location), "cannot build the dataset: " + e, ErrorCode.INTERNAL, e);
        } finally {
            pending.release(); // its merge state: kept until the end, it grew with the tables
        }
    }
}
