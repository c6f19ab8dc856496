package bulletin.audience;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header names as people write them: matched case-insensitively with accents and punctuation
 * folded, so that "E-mail", "email" and "Courriel" all find the address column.
 */
final class ColumnNames {

    /** Address columns, best first: Thunderbird's English and French exports, then the usual names. */
    static final List<String> ADDRESS = List.of("primaryemail", "adresseemailprincipale",
            "adresseelectroniqueprincipale", "email", "mail", "emailaddress", "courriel", "adressemail",
            "adresseemail", "adresseelectronique", "adresse");
    static final Set<String> DISPLAY_NAME = Set.of("displayname", "nomaafficher", "name", "fullname", "nomcomplet");
    static final Set<String> FIRST_NAME = Set.of("firstname", "prenom", "givenname");
    static final Set<String> LAST_NAME = Set.of("lastname", "nomdefamille", "surname", "nom", "familyname");

    private ColumnNames() {
    }

    static String fold(String header) {
        String decomposed = Normalizer.normalize(header, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        for (char c : decomposed.toCharArray()) {
            if (Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
