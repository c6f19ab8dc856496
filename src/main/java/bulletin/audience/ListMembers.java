package bulletin.audience;

import bulletin.problem.FileNames;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** The {@code members:} of a list definition as entries, each with its line in the list's file. */
final class ListMembers implements Iterator<AudienceEntry> {

    private final ListDefinition list;
    private final Iterator<ListDefinition.Member> members;
    private final AddressNormalizer normalizer;
    private final Path shownAs;

    ListMembers(ListDefinition list, FileNames names, AddressNormalizer normalizer) {
        this.list = list;
        this.shownAs = names.shown(list.file());
        this.members = list.members().iterator();
        this.normalizer = normalizer;
    }

    @Override
    public boolean hasNext() {
        return members.hasNext();
    }

    @Override
    public AudienceEntry next() {
        ListDefinition.Member member = members.next();
        AddressNormalizer.Result result = normalizer.normalize(member.text());
        if (result instanceof AddressNormalizer.Valid valid) {
            return new AudienceEntry.Accepted(new Recipient(valid.address(), valid.key(), valid.displayName(),
                    Map.of(), shownAs, member.line()));
        }
        return new AudienceEntry.Invalid(member.text(), null, shownAs, member.line(),
                ((AddressNormalizer.Rejected) result).said());
    }
}
