package io.carelens.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every subcommand takes: the warehouse, a configuration file, and verbosity. */
public final class GlobalOptions {
    @Option(names = "--warehouse", paramLabel = "DIR",
            description = "Delta warehouse root (default: carelens.warehouse, i.e. ./warehouse)")
    String warehouse;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file layered over reference.conf")
    Path config;

    @Option(names = "--verbose", description = "show stack traces and Spark's own log lines")
    boolean verbose;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;
}
