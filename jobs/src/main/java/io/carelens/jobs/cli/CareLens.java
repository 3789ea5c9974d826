package io.carelens.jobs.cli;

import io.carelens.common.config.ConfigurationException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code carelens} command line. A user error (bad argument, missing file, invalid configuration) exits
 * with status 2 and a one-line message; any other failure exits with 1, with the stack trace only under
 * {@code --verbose}.
 */
@Command(name = "carelens", mixinStandardHelpOptions = true, versionProvider = CareLens.Version.class,
        description = "CareLens: population-health quality measures, utilization and equity on Spark and Delta Lake.",
        subcommands = {
                RunCommand.class,
                IngestCommand.class,
                MeasuresCommand.class,
                UtilizationCommand.class,
                EquityCommand.class,
                EvaluateCommand.class,
                ReportCommand.class,
                CareGapsCommand.class,
                GenerateCommand.class,
                TablesCommand.class,
                SqlCommand.class,
                ContractCommand.class
        })
public final class CareLens implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new CareLens());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable cause = userError(ex);
            if (cause != null) {
                cmd.getErr().println("carelens: error: " + cause.getMessage());
                if (verbose) {
                    ex.printStackTrace(cmd.getErr());
                }
                return 2;
            }
            cmd.getErr().println("carelens: failed: " + ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage())
                    + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        cli.setParameterExceptionHandler((ex, parsedArgs) -> {
            ex.getCommandLine().getErr().println("carelens: error: " + ex.getMessage()
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        return cli.execute(args);
    }

    private static Throwable userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigurationException) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"carelens " + io.carelens.jobs.run.RunManifest.codeVersion()};
        }
    }
}
