package io.lumos.cli;

import io.lumos.cli.commands.HelpCommand;
import io.lumos.cli.logging.LibraryLogging;
import io.lumos.cli.plugin.PluginPrefetch;
import io.lumos.cli.plugin.PluginRegistry;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginFactory;
import io.lumos.spi.Redaction;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.file.FileFormatReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The entry point: splits the arguments into chain steps at each lone {@code +}, runs them in order
 * in one session, and stops at the first step that fails with that step's exit code.
 */
public final class Main {
    private final CliRuntime runtime;
    private final com.google.inject.Module[] replacements;

    public Main(CliRuntime runtime) {
        this(runtime, new com.google.inject.Module[0]);
    }

    /** With the wiring's bindings replaced by these modules' (a test's fake service). */
    Main(CliRuntime runtime, com.google.inject.Module... replacements) {
        this.runtime = runtime;
        this.replacements = replacements.clone();
    }

    public static void main(String[] args) {
        // Guice's defaults cost a short run's start-up: a stack trace taken for every binding (for
        // messages about wiring mistakes, which the tests catch) and classes generated at run time.
        setIfAbsent("guice_include_stack_traces", "OFF");
        setIfAbsent("guice_bytecode_gen_option", "DISABLED");
        LibraryLogging.install();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        endOnErrorInAnyThread(err);
        CliRuntime runtime = new CliRuntime(
                out,
                err,
                System.getenv(),
                Path.of("").toAbsolutePath(),
                Clock.systemUTC(),
                ConsoleReporter.isTerminal());
        int code = new Main(runtime).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** A fresh command tree with every command. */
    public CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * A fresh command tree for one step: only the commands the step names (any of its words that
     * is a command's name), or all of them when it names none, or asks for help or completion.
     */
    CommandLine commandLine(List<String> step) {
        java.util.Set<String> words = step == null ? java.util.Set.of() : new java.util.HashSet<>(step);
        boolean all = step == null || words.contains("help") || words.contains("completion");
        if (!all) {
            all = LumosCommand.COMMANDS.stream().noneMatch(c -> named(c, words));
        }
        List<Class<?>> chosen = new ArrayList<>();
        for (Class<?> command : LumosCommand.COMMANDS) {
            if (all || named(command, words)) {
                chosen.add(command);
            }
        }
        // The composition root builds each command with its services (given as providers: a service
        // works on the step's session, which opens when the command runs, after parsing).
        CompositionRoot root = new CompositionRoot(runtime, CliModule.withSubcommands(chosen), replacements);
        CommandLine cl = new CommandLine(LumosCommand.class, root);
        chosen.forEach(cl::addSubcommand);
        cl.setOut(runtime.out());
        cl.setErr(runtime.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // `lumos run --job j make -k`: the wrapped command's options are its own, `--` or not
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
        Integer columns = columns(runtime.env().get("COLUMNS"));
        if (columns != null) {
            cl.setUsageHelpWidth(columns);
        } else {
            cl.setUsageHelpAutoWidth(true);
        }
        return cl;
    }

    /**
     * The plugin kinds a step's command asks for before anything else, loaded on a second thread
     * while the step's command is built: sources and file formats for a scan (and catalogs for an
     * ingest, whose config names them). None when the step asks for help or names another command.
     * A guess that is wrong costs only the second thread's work: the command loads what it needs.
     */
    static List<Class<? extends PluginFactory>> prefetchKinds(List<String> step) {
        for (String word : step) {
            if (word.equals("--")) {
                break;
            }
            if (word.equals("-h") || word.equals("--help") || word.equals("-V") || word.equals("--version")) {
                return List.of();
            }
        }
        for (String word : step) {
            if (word.equals("scan")) {
                return List.of(SourceHandlerFactory.class, FileFormatReader.class);
            }
            if (word.equals("ingest")) {
                return List.of(SourceHandlerFactory.class, CatalogAdapterFactory.class, FileFormatReader.class);
            }
            if (word.equals("--") || COMMAND_NAMES.contains(word)) {
                return List.of(); // another command (help included), or what `run` wraps
            }
        }
        return List.of();
    }

    private static final java.util.Set<String> COMMAND_NAMES = commandNames();

    private static java.util.Set<String> commandNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Class<?> command : LumosCommand.COMMANDS) {
            CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
            names.add(c.name());
            names.addAll(Arrays.asList(c.aliases()));
        }
        return names;
    }

    private static boolean named(Class<?> command, java.util.Set<String> words) {
        CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
        if (words.contains(c.name())) {
            return true;
        }
        for (String alias : c.aliases()) {
            if (words.contains(alias)) {
                return true;
            }
        }
        return false;
    }

    /** The help's width from COLUMNS (as less and ls read it); picocli's floor is 55. */
    static Integer columns(String value) {
        if (value == null || !value.strip().matches("\\d{1,4}")) {
            return null;
        }
        return Math.max(55, Integer.parseInt(value.strip()));
    }

    public int run(String... args) {
        List<List<String>> steps = split(args);
        GlobalOptions.Effective options = GlobalOptions.Effective.NONE;
        int code = 0;
        List<Class<? extends PluginFactory>> first = prefetchKinds(steps.get(0));
        if (!first.isEmpty()) {
            runtime.prefetch(PluginPrefetch.start(
                    PluginRegistry.defaultRoots(
                            System.getProperty("lumos.home"), runtime.env().get("LUMOS_PLUGIN_PATH")),
                    first));
        }
        try {
            for (List<String> step : steps) {
                CommandLine cl = commandLine(step);
                ParseResult parsed;
                try {
                    parsed = cl.parseArgs(step.toArray(new String[0]));
                } catch (CommandLine.ParameterException e) {
                    runtime.err().println("error: " + e.getMessage());
                    if (e instanceof CommandLine.UnmatchedArgumentException u) {
                        CommandLine.UnmatchedArgumentException.printSuggestions(u, runtime.err());
                    }
                    String name = qualifiedName(e.getCommandLine());
                    runtime.err().println("Run 'lumos " + (name.isEmpty() ? "" : name + " ") + "--help' for usage.");
                    return ErrorCode.USAGE.exitCode();
                }
                if (CommandLine.printHelpIfRequested(parsed)) {
                    continue;
                }
                List<CommandLine> chain = parsed.asCommandLineList();
                for (CommandLine c : chain) {
                    GlobalOptions g = globalOf(c.getCommand());
                    if (g != null) {
                        options = g.over(options);
                    }
                }
                CommandLine leaf = chain.get(chain.size() - 1);
                if (leaf.getCommand() instanceof HelpCommand help) {
                    code = help.call();
                    if (code != 0) {
                        break;
                    }
                    continue;
                }
                if (!(leaf.getCommand() instanceof Callable<?> callable)) {
                    leaf.usage(runtime.err());
                    code = ErrorCode.USAGE.exitCode();
                    break;
                }
                code = execute(options, callable);
                if (code != 0) {
                    break;
                }
            }
        } finally {
            try {
                runtime.closeSession();
            } catch (LumosException e) {
                runtime.err().println("error: " + e.getMessage());
                if (code == 0) {
                    code = e.exitCode();
                }
            } catch (RuntimeException e) {
                runtime.err().println("error: closing the catalog failed: " + e);
                if (code == 0) {
                    code = ErrorCode.INTERNAL.exitCode();
                }
            }
            runtime.out().flush();
            runtime.err().flush();
        }
        return code;
    }

    private int execute(GlobalOptions.Effective options, Callable<?> command) {
        try {
            runtime.enter(options);
            Object result = command.call();
            return result instanceof Integer i ? i : 0;
        } catch (LumosException e) {
            runtime.err().println("error: " + e.getMessage());
            if (options.verbose()) {
                e.printStackTrace(runtime.err());
            }
            return e.exitCode();
        } catch (OutOfMemoryError e) {
            runtime.err().println("error: " + outOfMemory());
            if (options.verbose()) {
                e.printStackTrace(runtime.err());
            }
            return ErrorCode.INTERNAL.exitCode();
        } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
            if (causedByOutOfMemory(e)) {
                runtime.err().println("error: " + outOfMemory());
                if (options.verbose()) {
                    e.printStackTrace(runtime.err());
                }
                return ErrorCode.INTERNAL.exitCode();
            }
            runtime.err()
                    .println("internal error: " + e + (options.verbose() ? "" : " (run with -v for the stack trace)"));
            if (options.verbose()) {
                e.printStackTrace(runtime.err());
            }
            return ErrorCode.INTERNAL.exitCode();
        }
    }

    /** What to do when the heap ran out: the launcher passes LUMOS_JAVA_OPTS to Java. */
    static String outOfMemory() {
        long max = Runtime.getRuntime().maxMemory() >> 20;
        long more = Math.max(1024, Long.highestOneBit(Math.max(1, max)) << 2);
        String next = more % 1024 == 0 ? (more >> 10) + "g" : more + "m";
        return "Lumos ran out of memory (its Java heap is " + max + " MB); give it more with " + "LUMOS_JAVA_OPTS=-Xmx"
                + next + " (or scan fewer files at once)";
    }

    /**
     * An Error in a thread no command waits on (a library's worker, say) ends the run at once with
     * the same line, instead of leaving the process to thrash or hang.
     */
    private static void endOnErrorInAnyThread(PrintWriter err) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (causedByOutOfMemory(e)) {
                err.println("error: " + outOfMemory());
                err.flush();
                Runtime.getRuntime().halt(ErrorCode.INTERNAL.exitCode());
            }
            err.println(Redaction.redactText("internal error in thread " + thread.getName() + ": " + e));
            err.flush();
        });
    }

    /**
     * Whether the heap ran out, also where a library wrapped it (a ServiceLoader that could not
     * instantiate a provider throws a ServiceConfigurationError caused by the OutOfMemoryError).
     */
    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static String qualifiedName(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        return String.join(" ", names).strip();
    }

    private static GlobalOptions globalOf(Object command) {
        if (command instanceof LumosCommand top) {
            return top.global;
        }
        if (command instanceof BaseCommand base) {
            return base.global;
        }
        return null;
    }

    /**
     * Splits at each argument that is exactly "+"; a "+" inside an argument ({@code a+b}, or {@code
     * "x + y"} quoted for the shell) stays, and there is no escape for a lone "+" value. After a lone
     * "--" the rest belongs to the step (the command of {@code lumos run}), "+" included.
     */
    static List<List<String>> split(String[] args) {
        List<List<String>> steps = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean rest = false;
        for (String a : args) {
            if (a.equals("--")) {
                rest = true;
            }
            if (a.equals("+") && !rest) {
                steps.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        steps.add(current);
        steps.removeIf(List::isEmpty);
        if (steps.isEmpty()) {
            steps.add(new ArrayList<>(Arrays.asList("--help")));
        }
        return steps;
    }

    /** Runs a command line in-process: for tests and for embedding. */
    public static int run(CliRuntime runtime, String... args) {
        return new Main(runtime).run(args);
    }
}
