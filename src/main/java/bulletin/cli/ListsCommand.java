package bulletin.cli;

import bulletin.audience.ListCatalog;
import bulletin.audience.ListDefinition;
import bulletin.campaign.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lists}: the list definitions and how many members each names. */
@Component
@Scope("prototype")
@Command(name = "lists", mixinStandardHelpOptions = true, description = "Show the list definitions of bulletin.lists-dir.")
class ListsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Workspace workspace;

    ListsCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ListDefinition> lists = new ListCatalog(workspace.lists(), workspace::resolve).all();
        if (lists.isEmpty()) {
            out.println("No list definitions in " + workspace.lists() + ".");
        }
        for (ListDefinition list : lists) {
            out.printf("%-16s %-36s %4d members%s%n", list.nickname() == null ? "-" : list.nickname(), list.name(),
                    list.members().size(), list.includes().isEmpty() ? "" : " + " + list.includes().size() + " included source(s)");
            if (list.description() != null) {
                out.printf("%-16s %s%n", "", list.description());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
