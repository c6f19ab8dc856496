package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import bulletin.support.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pointing spring.datasource.url at PostgreSQL is all it takes: Flyway makes the same schema
 * (Spring Batch's PostgreSQL script, then Bulletin's migrations), and no loopback helper starts.
 */
@SpringBootTest
class PostgresSchemaOnPostgresTest {

    static final TestHome home = TestHome.create("pg-schema");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "schema");
        home.register(registry);
        registry.add("bulletin.database.shared", () -> "true"); // as an operator leaves it: ignored for PostgreSQL
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameSchemaIsMadeOnPostgresqlAndNoHelperStarts() throws IOException {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")
                .query(Integer.class).single()).isEqualTo(newestMigration());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'bulletin_recipient'"
                + " AND column_name IN ('message_no', 'address_key', 'fields')").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('batch_job_instance',"
                + " 'bulletin_feedback_message', 'bulletin_suppression', 'bulletin_unsubscribe_confirmation',"
                + " 'bulletin_campaign_problem', 'bulletin_transaction')").query(Long.class).single()).isEqualTo(6);
        assertThat(Files.exists(home.path("data/db"))).as("no HSQLDB files, no helper").isFalse();
    }

    /** The highest version among the PostgreSQL and common migrations shipped: every one was applied. */
    private static int newestMigration() throws IOException {
        int newest = 0;
        // One pattern per folder: a resource pattern's {a,b} is not a choice between a and b (it read hsqldb/ too).
        for (String folder : new String[] {"common", "postgresql"}) {
            for (Resource script : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/migration/" + folder + "/V*__*.sql")) {
                Matcher version = Pattern.compile("^V(\\d+)__").matcher(script.getFilename());
                if (version.find()) {
                    newest = Math.max(newest, Integer.parseInt(version.group(1)));
                }
            }
        }
        assertThat(newest).as("migrations found on the classpath").isGreaterThanOrEqualTo(17);
        return newest;
    }
}
