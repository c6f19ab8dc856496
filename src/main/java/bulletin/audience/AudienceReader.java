package bulletin.audience;

import bulletin.problem.FileNames;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every entry of every source of a campaign, in order: the files and list members of its plan
 * one after the other, each read as a stream. Fatal problems (no address column, undecodable
 * bytes, an unknown LDIF list) are {@link AudienceException}s.
 */
public final class AudienceReader implements Iterator<AudienceEntry>, Closeable {

    private final Iterator<AudiencePlan.Leaf> leaves;
    private final AddressNormalizer normalizer;
    private final FileNames names;
    private Iterator<AudienceEntry> current;

    /** @param names how entries and errors name their file (relative to the home) */
    public AudienceReader(AudiencePlan plan, AddressNormalizer normalizer, FileNames names) {
        this.leaves = plan.leaves().iterator();
        this.normalizer = normalizer;
        this.names = names;
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            closeCurrent();
            if (!leaves.hasNext()) {
                return false;
            }
            current = open(leaves.next());
        }
        return true;
    }

    private Iterator<AudienceEntry> open(AudiencePlan.Leaf leaf) {
        if (leaf instanceof AudiencePlan.MembersLeaf members) {
            return new ListMembers(members.list(), names, normalizer);
        }
        RecipientSource source = ((AudiencePlan.FileLeaf) leaf).source();
        if (source instanceof RecipientSource.Ldif ldif) {
            return new LdifRecipientFile(ldif.file(), names.shown(ldif.file()), ldif.charset(), ldif.list(), normalizer);
        }
        RecipientSource.Csv csv = (RecipientSource.Csv) source;
        return new CsvRecipientFile(csv.file(), names.shown(csv.file()), csv.charset(), csv.delimiter(), normalizer);
    }

    @Override
    public AudienceEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private void closeCurrent() {
        if (current instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        current = null;
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
