package bulletin.audience;

import bulletin.text.Sentence;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.io.Closeable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A Thunderbird address book exported as LDIF. Without a list name, every contact of the file
 * is a row; with one, the members of that mailing list ({@code objectclass: groupOfNames},
 * {@code member: cn=…,mail=…}) are. Read as a stream; a list takes two passes (Thunderbird
 * writes lists before the contacts they name).
 */
final class LdifRecipientFile implements Iterator<AudienceEntry>, Closeable {

    private final Path file;
    /** The file as the operator's sentences and the ledger name it (relative to the home). */
    private final Path shownAs;
    private final Charset charset;
    private final AddressNormalizer normalizer;
    /** The chosen list's member DNs, normalised to as written, in list order; null when reading every contact. */
    private final Map<String, String> members;
    private final long listLine;
    private final Set<String> found = new LinkedHashSet<>();
    private LdifRecords records;
    private AudienceEntry next;
    private Iterator<String> missing;

    LdifRecipientFile(Path file, Path shownAs, Charset charset, String list, AddressNormalizer normalizer) {
        this.file = file;
        this.shownAs = shownAs;
        this.charset = charset;
        this.normalizer = normalizer;
        if (list == null) {
            this.members = null;
            this.listLine = 0;
        } else {
            Group group = findGroup(list);
            this.members = group.members();
            this.listLine = group.line();
        }
        this.records = new LdifRecords(file, shownAs, charset);
    }

    private record Group(Map<String, String> members, long line) {
    }

    private Group findGroup(String list) {
        List<String> names = new ArrayList<>();
        try (LdifRecords pass = new LdifRecords(file, shownAs, charset)) {
            LdifRecords.Located located;
            while ((located = pass.next()) != null) {
                Entry entry = located.entry();
                if (!entry.hasObjectClass("groupOfNames")) {
                    continue;
                }
                String cn = entry.getAttributeValue("cn");
                names.add(cn);
                if (cn != null && cn.equalsIgnoreCase(list)) {
                    Map<String, String> dns = new LinkedHashMap<>();
                    String[] values = entry.getAttributeValues("member");
                    if (values != null) {
                        for (String dn : values) {
                            dns.putIfAbsent(normalizeDn(dn), dn);
                        }
                    }
                    return new Group(dns, located.line());
                }
            }
        }
        throw new AudienceException(shownAs, 0, Sentence.of("audience.no-ldif-list", list,
                names.isEmpty() ? Sentence.of("audience.none") : String.join(", ", names)));
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (records != null) {
                LdifRecords.Located located = records.next();
                if (located == null) {
                    records.close();
                    records = null;
                    if (members != null) {
                        List<String> absent = new ArrayList<>();
                        members.forEach((normalized, written) -> {
                            if (!found.contains(normalized)) {
                                absent.add(written);
                            }
                        });
                        missing = absent.iterator();
                    }
                    continue;
                }
                next = toEntry(located);
            } else if (missing != null && missing.hasNext()) {
                next = fromDn(missing.next());
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public AudienceEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AudienceEntry entry = next;
        next = null;
        return entry;
    }

    /** A contact of the file as an entry, or null when it is not one this reading wants. */
    private AudienceEntry toEntry(LdifRecords.Located located) {
        Entry entry = located.entry();
        if (entry.hasObjectClass("groupOfNames")) {
            return null;
        }
        if (members != null) {
            String dn = normalizeDn(entry.getDN());
            if (!members.containsKey(dn) || !found.add(dn)) {
                return null;
            }
        }
        String mail = entry.getAttributeValue("mail");
        String name = displayName(entry);
        if (mail == null || mail.isBlank()) {
            return new AudienceEntry.Invalid("", name, shownAs, located.line(), Sentence.of("address.ldif-no-mail"));
        }
        return accepted(mail, name, attributes(entry), located.line());
    }

    /** A list member that has no contact entry in the file: its DN holds the address. */
    private AudienceEntry fromDn(String dn) {
        String mail = null;
        String cn = null;
        try {
            for (RDN rdn : new DN(dn).getRDNs()) {
                String[] names = rdn.getAttributeNames();
                String[] values = rdn.getAttributeValues();
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equalsIgnoreCase("mail")) {
                        mail = values[i];
                    } else if (names[i].equalsIgnoreCase("cn")) {
                        cn = values[i];
                    }
                }
            }
        } catch (LDAPException e) {
            return new AudienceEntry.Invalid(dn, null, shownAs, listLine, Sentence.of("address.ldif-bad-dn", dn));
        }
        if (mail == null) {
            return new AudienceEntry.Invalid(dn, cn, shownAs, listLine, Sentence.of("address.ldif-no-contact", dn));
        }
        return accepted(mail, DisplayNames.clean(cn), Map.of(), listLine);
    }

    private AudienceEntry accepted(String mail, String name, Map<String, String> attributes, long line) {
        AddressNormalizer.Result result = normalizer.normalize(mail);
        if (result instanceof AddressNormalizer.Valid valid) {
            return new AudienceEntry.Accepted(new Recipient(valid.address(), valid.key(), name, attributes, shownAs, line));
        }
        return new AudienceEntry.Invalid(mail, name, shownAs, line, ((AddressNormalizer.Rejected) result).said());
    }

    private static String displayName(Entry entry) {
        String cn = DisplayNames.clean(entry.getAttributeValue("cn"));
        if (cn != null) {
            return cn;
        }
        String given = entry.getAttributeValue("givenName");
        String sn = entry.getAttributeValue("sn");
        return DisplayNames.clean((given == null ? "" : given) + " " + (sn == null ? "" : sn));
    }

    private static Map<String, String> attributes(Entry entry) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Attribute attribute : entry.getAttributes()) {
            if (!attribute.getName().equalsIgnoreCase("objectclass")) {
                attributes.put(attribute.getName(), attribute.getValue());
            }
        }
        return attributes;
    }

    private static String normalizeDn(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.trim().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void close() {
        if (records != null) {
            records.close();
            records = null;
        }
    }
}
