package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenAddressesTest {

    private final List<String> keys = new ArrayList<>(List.of(""));

    private int stage(SeenAddresses seen, String key) {
        keys.add(key);
        return seen.firstRowOrRecord(key, keys.size() - 1);
    }

    @Test
    void returnsTheFirstRowOfARepeatedKeyAndZeroForANewOne() {
        SeenAddresses seen = new SeenAddresses(keys::get);
        for (int i = 0; i < 20_000; i++) {
            assertThat(stage(seen, "member" + i + "@example.org")).isZero();
        }
        assertThat(stage(seen, "member7@example.org")).isEqualTo(8);
        assertThat(stage(seen, "member19999@example.org")).isEqualTo(20_000);
        assertThat(stage(seen, "Member7@example.org")).isZero();
    }

    @Test
    void keysThatShareAHashAreNeverConfused() {
        SeenAddresses seen = new SeenAddresses(keys::get, key -> key.length());
        assertThat(stage(seen, "a@example.org")).isZero();
        assertThat(stage(seen, "b@example.org")).isZero();
        assertThat(stage(seen, "c@example.org")).isZero();
        assertThat(stage(seen, "b@example.org")).isEqualTo(2);
        assertThat(stage(seen, "c@example.org")).isEqualTo(3);
        assertThat(stage(seen, "a@example.org")).isEqualTo(1);
    }
}
