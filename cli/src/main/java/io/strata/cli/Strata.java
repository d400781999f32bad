package io.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code strata}: the public API from a terminal, a script or a pipeline. The options declared here apply to every
 * command; each group of commands is a class of its own.
 */
@Command(name = "strata", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Strata.Version.class, description = "Strata: virtual databases, data pods and bookmarks from the command line.", footer = {
        "", "Configuration: ~/.strata/config (strata login); STRATA_URL, STRATA_TOKEN override it.",
        "Exit codes: 0 success, 1 other failure, 2 bad input, 3 not signed in or not allowed,",
        "4 not found, 5 conflict, 6 job failed, 7 server or connection error."})
public final class Strata implements Callable<Integer> {

    /** The command groups, in the order help lists them. */
    private static final Map<String, Supplier<Object>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("login", LoginCommand::new);
        GROUPS.put("logout", LogoutCommand::new);
        GROUPS.put("env", EnvCommand::new);
        GROUPS.put("source", SourceCommand::new);
        GROUPS.put("vdb", VdbCommand::new);
        GROUPS.put("pod", PodCommand::new);
        GROUPS.put("bookmark", BookmarkCommand::new);
        GROUPS.put("profile", ProfileCommand::new);
        GROUPS.put("ruleset", RulesetCommand::new);
        GROUPS.put("masked", MaskedCommand::new);
        GROUPS.put("template", TemplateCommand::new);
        GROUPS.put("storage", StorageCommand::new);
        GROUPS.put("user", UserCommand::new);
        GROUPS.put("job", JobCommand::new);
        GROUPS.put("completion", CompletionCommand::new);
    }

    private final Session session;
    private final Supplier<ObjectMapper> json = Background.start("json", Strata::mapper);
    private Output.Format format = Output.Format.table;
    private boolean dryRun;
    private Config config;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** The command for one run in {@code session}. */
    public Strata(Session session) {
        this.session = session;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(Session.system(), args));
    }

    /** Runs one command line in {@code session}; its exit code. */
    public static int run(Session session, String... args) {
        return commandLine(session, args).execute(args);
    }

    /** The command line, with the handlers that turn every failure into one line on standard error and an exit code. */
    public static CommandLine commandLine(Session session, String... args) {
        CommandLine line = new CommandLine(new Strata(session));
        // Building a command's model takes picocli most of the start-up time: only the group named is built, unless
        // the whole tree is needed (no group, an unknown one, completion).
        Supplier<Object> named = GROUPS.get(group(args));
        if (named == null || "completion".equals(group(args))) {
            GROUPS.values().forEach(group -> line.addSubcommand(group.get()));
        } else {
            line.addSubcommand(named.get());
        }
        line.setOut(session.out());
        line.setErr(session.err());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((e, given) -> {
            session.err().println("error: " + e.getMessage() + " (see `" + e.getCommandLine().getCommandSpec()
                    .qualifiedName() + " --help`)");
            return ExitCode.BAD_INPUT;
        });
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliException failure) {
                session.err().println("error: " + failure.getMessage());
                return failure.exitCode();
            }
            session.err().println("error: " + e);
            return ExitCode.INTERNAL;
        });
        return line;
    }

    /** The first argument that is not an option (nor the value of {@code -o}): the command group, or null. */
    static String group(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-o") || args[i].equals("--output")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    @Option(names = {"-o",
            "--output"}, scope = ScopeType.INHERIT, paramLabel = "table|json|yaml", description = "How to print results: table (default), json or yaml.")
    void setFormat(Output.Format format) {
        this.format = format;
    }

    @Option(names = "--dry-run", scope = ScopeType.INHERIT, description = "Print the request that would change something (method, URL, JSON body) instead of sending it.")
    void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(session.err());
        return ExitCode.BAD_INPUT;
    }

    /** The surroundings of this run. */
    Session session() {
        return session;
    }

    /** The configuration, read once. */
    Config config() {
        if (config == null) {
            config = Config.load(session.env());
        }
        return config;
    }

    /** The API client of this run. */
    Api api() {
        return new Api(session, config(), json.get(), dryRun);
    }

    /** Where results go, in the format asked for. */
    Output output() {
        return new Output(session.out(), format, json.get());
    }

    /** Follows jobs for {@code --wait}. */
    JobFollower follower() {
        return new JobFollower(api(), session.err(), session.progressBar(), session.pollInterval());
    }

    /** The run's JSON mapper. */
    ObjectMapper json() {
        return json.get();
    }

    /** A JSON mapper, with what reading an answer needs already loaded. */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        try {
            mapper.readTree("[{\"id\":\"warm-up\",\"n\":1,\"on\":true,\"none\":null}]");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return mapper;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = Strata.class.getPackage().getImplementationVersion();
            return new String[]{"strata " + (version == null ? "(development build)" : version)};
        }
    }
}
