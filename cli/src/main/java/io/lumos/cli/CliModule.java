package io.lumos.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.lumos.cli.service.ChangeClassifier;
import io.lumos.cli.service.DiffChangeClassifier;
import io.lumos.cli.service.IngestService;
import io.lumos.cli.service.ScanService;

/** The wiring of the CLI's services, every binding explicit. */
final class CliModule extends AbstractModule {
    private final CliRuntime runtime;

    CliModule(CliRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(CliRuntime.class).toInstance(runtime);
        bind(ChangeClassifier.class).to(DiffChangeClassifier.class);
        bind(DiffChangeClassifier.class);
    }

    /** Services work on the session of the current chain step. */
    @Provides
    Session session() {
        return runtime.session();
    }

    @Provides
    ScanService scanService(Session session) {
        return new ScanService(session);
    }

    @Provides
    IngestService ingestService(Session session, ChangeClassifier classifier) {
        return new IngestService(session, classifier);
    }
}
