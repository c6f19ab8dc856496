package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for "the same person": case folded in the whole address, but where a domain says otherwise. */
class AddressKeysTest {

    @Test
    void twoSpellingsThatDifferOnlyByCaseAreOneKey() {
        assertThat(AddressKeys.FOLDED.of(" AMELIE.Martin@Example.ORG ")).isEqualTo("amelie.martin@example.org");
        assertThat(new AddressNormalizer().normalize("Amélie <AMELIE.MARTIN@EXAMPLE.ORG>"))
                .isEqualTo(new AddressNormalizer.Valid("AMELIE.MARTIN@example.org", "amelie.martin@example.org", "Amélie"));
    }

    @Test
    void aCaseSensitiveDomainKeepsTheCaseOfItsLocalPartsWhateverTheCaseOrScriptItIsNamedIn() {
        AddressKeys keys = new AddressKeys(List.of(" Casse.EXAMPLE ", "bücher.example"));

        assertThat(keys.of("Ann@CASSE.example")).isEqualTo("Ann@casse.example");
        assertThat(keys.of("ann@casse.example")).isNotEqualTo(keys.of("Ann@casse.example"));
        assertThat(keys.of("Bob@xn--bcher-kva.example")).isEqualTo("Bob@xn--bcher-kva.example");
        assertThat(keys.of("Bob@other.example")).isEqualTo("bob@other.example");
    }
}
