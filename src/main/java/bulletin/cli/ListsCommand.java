package bulletin.cli;

import bulletin.audience.AudienceException;
import bulletin.audience.AudiencePlan;
import bulletin.audience.ListCatalog;
import bulletin.audience.ListDefinition;
import bulletin.audience.RecipientSource;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.text.Words;
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
@Command(name = "lists", mixinStandardHelpOptions = true)
class ListsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Workspace workspace;
    private final Words words;

    ListsCommand(Workspace workspace, Locality locality) {
        this.workspace = workspace;
        this.words = locality.words();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ListCatalog catalog = new ListCatalog(workspace.lists(), workspace::resolve, workspace.fileNames());
        List<ListDefinition> lists = catalog.all();
        if (lists.isEmpty()) {
            out.println(words.format("lists.none", workspace.lists()));
        }
        int broken = 0;
        for (ListDefinition list : lists) {
            out.printf("%-16s %-36s %s%n", list.nickname() == null ? "-" : list.nickname(), list.name(),
                    words.format("lists.members", list.members().size()) + (list.includes().isEmpty() ? ""
                            : words.format("lists.includes", list.includes().size())));
            if (list.description() != null) {
                out.printf("%-16s %s%n", "", list.description());
            }
            // A list is fine only if it can be sent to: its includes exist and do not go round in a cycle.
            try {
                AudiencePlan.of(List.of(new RecipientSource.ListRef(list.file().toAbsolutePath().toString())),
                        catalog);
            } catch (AudienceException e) {
                out.printf("%-16s %s%n", "", words.format("lists.broken", Said.failure(e, words)));
                broken++;
            }
        }
        out.flush();
        return broken == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
