package io.carelens.jobs.cli;

import io.carelens.common.config.ConfigurationException;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.run.StageContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelens generate}: synthetic canonical CSV data with planted effects (see sample-data/PLANTED-EFFECTS.md). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate synthetic canonical CSV tables (deterministic for a seed) with known planted effects.")
public final class GenerateCommand extends StageCommand {
    @Option(names = "--people", defaultValue = "3000", description = "number of people (default: ${DEFAULT-VALUE})")
    long people;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder for the tables")
    String out;

    @Option(names = "--start-year", defaultValue = "2023", description = "first calendar year (default: ${DEFAULT-VALUE})")
    int startYear;

    @Option(names = "--years", defaultValue = "4",
            description = "number of years; the first half is the baseline, the rest the performance period (default: ${DEFAULT-VALUE})")
    int years;

    @Option(names = "--through", paramLabel = "YYYY-MM-DD",
            description = "last day with data (default: Dec 31 of the last year, or yesterday if that is earlier,"
                    + " so that nothing is dated in the future); give it to make output independent of the run date")
    LocalDate through;

    @Override
    protected void run(StageContext context) {
        LocalDate lastDay = LocalDate.of(startYear + years - 1, 12, 31);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate end = through != null ? through : (lastDay.isAfter(yesterday) ? yesterday : lastDay);
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(people, seed, startYear, years, end);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        new Generator(context.spark(), settings, context.progress()).generate(out);
    }
}
