package bulletin.audience;

import bulletin.text.Ascii;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header names as people write them: matched case-insensitively with accents and punctuation
 * folded, so that "E-mail", "email" and "Courriel" all find the address column.
 */
final class ColumnNames {

    /** Address columns as people write them, best first: Thunderbird's English and French exports, then the usual names. */
    static final List<String> ADDRESS_AS_WRITTEN = List.of("Primary Email", "Adresse e-mail principale",
            "Adresse électronique principale", "email", "e-mail", "mail", "Email Address", "courriel", "adresse mail",
            "adresse email", "adresse électronique", "adresse");
    /** The same, folded as headers are compared. */
    static final List<String> ADDRESS = ADDRESS_AS_WRITTEN.stream().map(ColumnNames::fold).distinct().toList();
    static final Set<String> DISPLAY_NAME = Set.of("displayname", "nomaafficher", "name", "fullname", "nomcomplet");
    static final Set<String> FIRST_NAME = Set.of("firstname", "prenom", "givenname");
    static final Set<String> LAST_NAME = Set.of("lastname", "nomdefamille", "surname", "nom", "familyname");

    private ColumnNames() {
    }

    static String fold(String header) {
        return Ascii.fold(header).replaceAll("[^\\p{L}\\p{Nd}]", "").toLowerCase(Locale.ROOT);
    }
}
