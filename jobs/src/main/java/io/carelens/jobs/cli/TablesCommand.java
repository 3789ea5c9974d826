package io.carelens.jobs.cli;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import picocli.CommandLine.Command;

/** {@code carelens tables}: every Delta table of the warehouse with its current version and row count. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List every Delta table of the warehouse: name, current version, row count.")
public final class TablesCommand extends StageCommand {
    @Override
    protected void run(StageContext context) {
        Warehouse wh = context.warehouse();
        for (String t : wh.tables()) {
            System.out.printf("%-32s version %-5d rows %d%n", t, wh.version(t), wh.read(t).count());
        }
    }
}
