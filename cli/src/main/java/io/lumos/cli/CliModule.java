package io.lumos.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.lumos.cli.plugin.PluginRegistry;
import io.lumos.cli.service.ChangeClassifier;
import io.lumos.cli.service.ConsumeService;
import io.lumos.cli.service.DiffChangeClassifier;
import io.lumos.cli.service.IngestService;
import io.lumos.cli.service.RunService;
import io.lumos.cli.service.ScanService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * The wiring of the CLI, every binding explicit: the commands (built through {@link
 * CompositionRoot} as picocli's factory), the services they are given, and the {@link Lumos}
 * facade. Services work on the session of the current chain step, which is opened only after the
 * step's options are parsed, so commands take them as {@code Provider}s and get them when they run.
 */
final class CliModule extends AbstractModule {
    private final CliRuntime runtime;
    private final Set<Class<?>> commands;

    /**
     * @param commands the command classes to bind: a step binds only those it builds, since
     *     looking over every command class is a good part of a short run's start-up
     */
    CliModule(CliRuntime runtime, Set<Class<?>> commands) {
        this.runtime = runtime;
        this.commands = commands;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(CliRuntime.class).toInstance(runtime);
        bind(ChangeClassifier.class).to(DiffChangeClassifier.class);
        bind(DiffChangeClassifier.class);
        bind(Lumos.class);
        for (Class<?> command : commands) {
            bind(command);
        }
    }

    /** Every command class of the tree, subcommands at any depth included. */
    static Set<Class<?>> commands() {
        return withSubcommands(LumosCommand.COMMANDS);
    }

    /** These command classes and their subcommands at any depth. */
    static Set<Class<?>> withSubcommands(java.util.Collection<Class<?>> top) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(top);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (all.add(c)) {
                for (Class<?> sub : c.getAnnotation(Command.class).subcommands()) {
                    todo.add(sub);
                }
            }
        }
        return all;
    }

    /** The session of the current chain step. */
    @Provides
    Session session() {
        return runtime.session();
    }

    // The services by provider methods rather than bind(): Guice then reads no service class until
    // a command asks for one (`lumos --help` asks for none).

    @Provides
    ScanService scanService(Session session) {
        return new ScanService(session);
    }

    @Provides
    IngestService ingestService(Session session, ChangeClassifier classifier, ScanService scans) {
        return new IngestService(session, classifier, scans);
    }

    @Provides
    RunService runService(Session session) {
        return new RunService(session);
    }

    @Provides
    ConsumeService consumeService(Session session, IngestService ingest) {
        return new ConsumeService(session, ingest);
    }

    @Provides
    PluginRegistry plugins(Session session) {
        return session.plugins();
    }

    @Provides
    ConsoleReporter reporter(Session session) {
        return session.reporter();
    }
}
