package io.lumos.cli;

import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import picocli.CommandLine;

/**
 * The composition root: the one place that asks the injector for objects. Picocli builds the
 * commands through it ({@link CommandLine.IFactory}), so each command gets its services in its
 * constructor; whatever the wiring does not bind (mixins, converters, picocli's own collections)
 * picocli builds as it always does.
 */
final class CompositionRoot implements CommandLine.IFactory {
    private final Injector injector;

    /**
     * @param commands the command classes this root builds (a step's, or every one)
     * @param replacements modules whose bindings win over the CLI's (a test's fake service)
     */
    CompositionRoot(CliRuntime runtime, java.util.Set<Class<?>> commands, Module... replacements) {
        Module module = new CliModule(runtime, commands);
        if (replacements.length > 0) {
            module = Modules.override(module).with(replacements);
        }
        // DEVELOPMENT: nothing is built before it is asked for, so `lumos --help` builds commands only.
        // (Main sets Guice's flags that cost start-up time: no stack trace per binding, no bytecode.)
        this.injector = Guice.createInjector(Stage.DEVELOPMENT, module);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Binding<K> binding = injector.getExistingBinding(Key.get(type));
        return binding != null
                ? binding.getProvider().get()
                : CommandLine.defaultFactory().create(type);
    }

    /** The library facade, built from the same wiring as the commands. */
    Lumos lumos() {
        return injector.getInstance(Lumos.class);
    }
}
