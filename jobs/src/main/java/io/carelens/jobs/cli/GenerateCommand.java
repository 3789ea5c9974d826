package io.carelens.jobs.cli;

import io.carelens.common.config.ConfigurationException;
import io.carelens.jobs.generate.DailyIncrement;
import io.carelens.jobs.generate.FhirExport;
import io.carelens.jobs.generate.Generator;
import io.carelens.jobs.generate.GeneratorSettings;
import io.carelens.jobs.run.StageContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelens generate}: synthetic canonical CSV data with planted effects (see sample-data/PLANTED-EFFECTS.md). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate synthetic canonical CSV tables (deterministic for a seed) with known planted effects;"
                + " --format fhir adds the same people as a FHIR R4 Bulk Data NDJSON export.")
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

    @Option(names = "--format", defaultValue = "canonical",
            description = "canonical (CSV tables) or fhir (also a Bulk Data NDJSON export in DIR/fhir, the canonical"
                    + " tables then go to DIR/canonical) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--through", paramLabel = "YYYY-MM-DD",
            description = "last day with data (default: Dec 31 of the last year, or yesterday if that is earlier,"
                    + " so that nothing is dated in the future); give it to make output independent of the run date")
    LocalDate through;

    @Option(names = "--increment-of", paramLabel = "DIR",
            description = "write a daily increment (new visits and results, corrections, deaths, ended coverage,"
                    + " deletions) for the population generated earlier in DIR, instead of a population")
    String incrementOf;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "with --increment-of: the day of the increment")
    LocalDate day;

    @Option(names = "--fraction", defaultValue = "0.01",
            description = "with --increment-of: the share of people with a new visit (default: ${DEFAULT-VALUE})")
    double fraction;

    @Override
    protected void run(StageContext context) {
        if (incrementOf != null) {
            if (day == null) {
                throw new ConfigurationException("--increment-of needs --day YYYY-MM-DD");
            }
            try {
                new DailyIncrement(context.spark(), incrementOf, day, fraction, seed, context.progress()).write(out);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            return;
        }
        LocalDate lastDay = LocalDate.of(startYear + years - 1, 12, 31);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate end = through != null ? through : (lastDay.isAfter(yesterday) ? yesterday : lastDay);
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(people, seed, startYear, years, end);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        switch (format) {
            case "canonical" -> new Generator(context.spark(), settings, context.progress()).generate(out);
            case "fhir" -> {
                String canonical = out + "/canonical";
                new Generator(context.spark(), settings, context.progress()).generate(canonical);
                context.progress().step("generate", "exporting FHIR R4 Bulk NDJSON to " + out + "/fhir");
                FhirExport.export(context.spark(), canonical, out + "/fhir");
            }
            default -> throw new ConfigurationException("unknown --format '" + format + "'; expected canonical or fhir");
        }
    }
}
