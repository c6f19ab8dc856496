package bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which commands hold the file database themselves when nobody does: those that send. */
class BulletinApplicationTest {

    @Test
    void theCommandsThatSendAreKnownByTheirFirstWordWhateverOptionsComeFirst() {
        assertThat(BulletinApplication.sends(new String[] {"send", "jobs/monthly.yml"})).isTrue();
        assertThat(BulletinApplication.sends(new String[] {"--debug", "restart", "3"})).isTrue();
        assertThat(BulletinApplication.sends(new String[] {"schedule"})).isTrue();
        assertThat(BulletinApplication.sends(new String[] {"status"})).isFalse();
        assertThat(BulletinApplication.sends(new String[] {"audit", "send"})).as("a later word is an argument").isFalse();
        assertThat(BulletinApplication.sends(new String[] {})).isFalse();
    }
}
