package io.lumos.spi;

/** Where plugins tell the user about progress and problems that do not stop the work. */
public interface Reporter {
    Reporter SILENT = new Reporter() {
        @Override
        public void warn(String message) {}

        @Override
        public Progress progress(String task, long total) {
            return Progress.NONE;
        }
    };

    /** One line for the user: what, where, what to do. */
    void warn(String message);

    /** A debug line, shown with -v. */
    default void debug(String message) {}

    /** A progress bar on a terminal, nothing when piped. {@code total} may be -1 when unknown. */
    Progress progress(String task, long total);

    interface Progress extends AutoCloseable {
        Progress NONE = new Progress() {
            @Override
            public void step(long n) {}

            @Override
            public void close() {}
        };

        void step(long n);

        default void maxHint(long total) {}

        @Override
        void close();
    }
}
