package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressNormalizerTest {

    private final AddressNormalizer normalizer = new AddressNormalizer();

    @Test
    void sendsToTheLocalPartAsWrittenKeysItFoldedAndKeepsTheDisplayName() {
        AddressNormalizer.Valid valid = (AddressNormalizer.Valid) normalizer.normalize("  Jean Dupont <Jean.Dupont@Example.ORG> ");

        assertThat(valid.address()).isEqualTo("Jean.Dupont@example.org");
        assertThat(valid.key()).as("the same person whatever the case (AddressKeys)").isEqualTo("jean.dupont@example.org");
        assertThat(valid.displayName()).isEqualTo("Jean Dupont");
    }

    @Test
    void sendsAnInternationalisedDomainInPunycode() {
        AddressNormalizer.Valid valid = (AddressNormalizer.Valid) normalizer.normalize("marie@café.example");

        assertThat(valid.address()).isEqualTo("marie@xn--caf-dma.example");
    }

    @Test
    void readsOutlooksUnquotedCommaInTheNameAsOneMember() {
        AddressNormalizer.Valid valid = (AddressNormalizer.Valid) normalizer.normalize("Dupont, Marie <marie@example.org>");

        assertThat(valid.address()).isEqualTo("marie@example.org");
        assertThat(valid.displayName()).isEqualTo("Dupont, Marie");
        assertThat(normalizer.normalize("Dupont, Marie <marie@example.org>, Martin, Paul <paul@example.org>"))
                .as("a real list of two stays one field too many").isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(normalizer.normalize("a@b.example, Martin <c@d.example>")).isInstanceOf(AddressNormalizer.Rejected.class);
    }

    @Test
    void rejectsWhatIsNotOneDeliverableAddress() {
        assertThat(normalizer.normalize("")).isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(normalizer.normalize("a@b.example, c@d.example")).isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(normalizer.normalize("nobody")).isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(normalizer.normalize("x@localhost")).isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(normalizer.normalize("group: a@b.example;")).isInstanceOf(AddressNormalizer.Rejected.class);
        assertThat(((AddressNormalizer.Rejected) normalizer.normalize("josé@example.org")).reason()).contains("non-ASCII");
    }
}
