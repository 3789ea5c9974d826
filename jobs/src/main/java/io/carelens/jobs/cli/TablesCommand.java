package io.carelens.jobs.cli;

import io.carelens.common.delta.TableDigest;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carelens tables}: every Delta table of the warehouse with its current version and row count; with
 * {@code --digest}, a content digest per table instead of the count, to compare two warehouses or two runs.
 */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List every Delta table of the warehouse: name, current version, row count "
                + "(with --digest: row count and a hash of the content without run ids).")
public final class TablesCommand extends StageCommand {
    @Option(names = "--digest", description = "print a content digest per table (compare it across runs)")
    boolean digest;

    @Override
    protected void run(StageContext context) {
        Warehouse wh = context.warehouse();
        for (String t : wh.tables()) {
            String content = digest ? TableDigest.of(wh.read(t)) : "rows " + wh.read(t).count();
            System.out.printf("%-32s version %-5d %s%n", t, wh.version(t), content);
        }
    }
}
