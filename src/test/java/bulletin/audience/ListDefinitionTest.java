package bulletin.audience;

import static bulletin.audience.AudienceFiles.accepted;
import static bulletin.audience.AudienceFiles.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.yaml.YamlFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListDefinitionTest {

    @TempDir
    Path home;

    @Test
    void aListHasMembersAndIncludesOtherSourcesAndLists() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/bureau.yml", """
                name: Bureau de l'association
                nickname: bureau
                description: Les membres élus du bureau
                members:
                  - presidente@amis.example
                  - "Trésorier Durand <tresorier@amis.example>"
                  - pas une adresse
                include:
                  - data/benevoles.csv
                  - list: anciens
                """);
        files.write("data/lists/anciens.yml", """
                name: Anciens présidents
                nickname: anciens
                members:
                  - ancien@amis.example
                """);
        files.write("data/benevoles.csv", "email\nbenevole@amis.example\n");

        List<AudienceEntry> entries = files.read(new RecipientSource.ListRef("bureau"));

        assertThat(entries).hasSize(5);
        assertThat(accepted(entries.get(0)).address()).isEqualTo("presidente@amis.example");
        assertThat(accepted(entries.get(0)).source()).isEqualTo(home.resolve("data/lists/bureau.yml"));
        assertThat(accepted(entries.get(0)).line()).isEqualTo(5);
        assertThat(accepted(entries.get(1)).displayName()).isEqualTo("Trésorier Durand");
        assertThat(invalid(entries.get(2)).line()).isEqualTo(7);
        assertThat(accepted(entries.get(3)).address()).isEqualTo("benevole@amis.example");
        assertThat(accepted(entries.get(4)).address()).isEqualTo("ancien@amis.example");

        AudiencePlan plan = AudiencePlan.of(List.of(new RecipientSource.ListRef("bureau")), files.catalog());
        assertThat(plan.lists()).extracting(ListDefinition::name).containsExactly("Bureau de l'association", "Anciens présidents");
        assertThat(plan.lists().get(0).description()).isEqualTo("Les membres élus du bureau");
    }

    @Test
    void aListIsFoundByItsFileItsNicknameOrItsName() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/ca.yml", "name: Conseil\nnickname: ca\nmembers: [ca@amis.example]\n");

        assertThat(files.catalog().find("CA").name()).isEqualTo("Conseil");
        assertThat(files.catalog().find("conseil").name()).isEqualTo("Conseil");
        assertThat(files.catalog().find("data/lists/ca.yml").name()).isEqualTo("Conseil");
    }

    @Test
    void listsThatIncludeEachOtherAreAnErrorShowingTheCycle() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/a.yml", "name: A\nmembers: [a@amis.example]\ninclude:\n  - list: b\n");
        files.write("data/lists/b.yml", "name: B\nmembers: [b@amis.example]\ninclude:\n  - list: c\n");
        files.write("data/lists/c.yml", "name: C\ninclude:\n  - data/lists/a.yml\n");

        assertThatThrownBy(() -> files.read(new RecipientSource.ListRef("a")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("cycle: a.yml → b.yml → c.yml → a.yml");
    }

    @Test
    void anUnknownListIsAnErrorNamingTheKnownOnes() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/bureau.yml", "name: Bureau\nnickname: bureau\nmembers: [b@amis.example]\n");

        assertThatThrownBy(() -> files.read(new RecipientSource.ListRef("burreau")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("no list with the nickname 'burreau'")
                .hasMessageContaining("known lists: bureau");
    }

    @Test
    void aBadListDefinitionIsAnErrorNamingItsFileAndLine() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/bad.yml", "name: Bad\nmembres:\n  - x@amis.example\n");

        assertThatThrownBy(() -> files.read(new RecipientSource.ListRef("data/lists/bad.yml")))
                .isInstanceOf(YamlFileException.class)
                .hasMessageContaining("bad.yml:2")
                .hasMessageContaining("unknown key 'membres'");
    }

    @Test
    void aMissingFileIncludedByAListNamesTheList() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("data/lists/l.yml", "name: L\ninclude:\n  - data/gone.csv\n");

        assertThatThrownBy(() -> files.read(new RecipientSource.ListRef("l")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("gone.csv")
                .hasMessageContaining("included by " + home.resolve("data/lists/l.yml"));
    }
}
