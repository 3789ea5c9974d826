package io.carelens.jobs.cli;

import io.carelens.common.schema.ContractDoc;
import io.carelens.common.schema.GoldTableDoc;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carelens contract}: prints the canonical data contract as Markdown (the source of docs/data-contract.md),
 * or with {@code --gold} the gold-table contract (the source of docs/gold-tables.md).
 */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = "Print the canonical data contract (tables, columns, types, allowed values) as Markdown; "
                + "with --gold, the gold tables the stages publish (grain, owner, columns).")
public final class ContractCommand implements Callable<Integer> {
    @Option(names = "--gold", description = "print the gold-table contract instead")
    boolean gold;

    @Override
    public Integer call() {
        System.out.print(gold ? GoldTableDoc.markdown() : ContractDoc.markdown());
        return 0;
    }
}
