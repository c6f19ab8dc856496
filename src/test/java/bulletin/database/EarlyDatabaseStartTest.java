package bulletin.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bulletin.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The helper's JVM starts as soon as the settings are known, not when the context's first bean
 * asks for a connection; it is kept from idling out until the context has started, then let go.
 */
class EarlyDatabaseStartTest {

    private static final String PROPERTIES = "hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay=false";

    private final TestHome home = TestHome.create("early");
    private final Path database = home.path("data/db/bulletin");
    private final SpringApplication application = new SpringApplication(EarlyDatabaseStartTest.class);

    @Test
    void theServerStartsOnceTheSettingsAreKnownAndIsHeldUntilTheContextHasStarted() {
        EarlyDatabaseStart early = new EarlyDatabaseStart();

        early.onApplicationEvent(prepared(Map.of("spring.datasource.url", "jdbc:hsqldb:file:" + database + ";" + PROPERTIES,
                "bulletin.database.idle-shutdown", "1s")));

        await().atMost(Duration.ofMinutes(1)).until(() -> SharedDatabase.connectIfRunning(database).map(this::closed).orElse(false));
        // Held: three times its idle time, and the server is still there.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(1))
                .until(() -> Files.exists(ServerFile.of(database)));

        early.onApplicationEvent(new ApplicationStartedEvent(application, new String[0], null, Duration.ZERO));

        await().atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(ServerFile.of(database))
                && Files.readString(SharedDatabase.log(database)).strip().endsWith("stopping"));
    }

    @Test
    void nothingStartsForFilesOpenedInProcessAnotherDatabaseOrSettingsThatDoNotRead() {
        EarlyDatabaseStart early = new EarlyDatabaseStart();

        early.onApplicationEvent(prepared(Map.of("spring.datasource.url", "jdbc:hsqldb:file:" + database + ";" + PROPERTIES,
                "bulletin.database.shared", "false")));
        early.onApplicationEvent(prepared(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/bulletin")));
        // A setting that does not read is left to the context, which says it in the operator's words.
        early.onApplicationEvent(prepared(Map.of("spring.datasource.url", "jdbc:hsqldb:file:" + database + ";" + PROPERTIES,
                "bulletin.database.idle-shutdown", "soon")));

        // The decision is taken on the event's thread: had a server been started, its folder would exist by now.
        assertThat(home.path("data/db")).doesNotExist();
    }

    @Test
    void theServerMapsTheClassArchiveThisJvmMaps() {
        assertThat(SharedDatabase.classArchive(List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/opt/b/bulletin.jsa")))
                .containsExactly("-XX:SharedArchiveFile=/opt/b/bulletin.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        assertThat(SharedDatabase.classArchive(List.of("-Xmx256m"))).isEmpty();
    }

    private ApplicationEnvironmentPreparedEvent prepared(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), application, new String[0], environment);
    }

    private boolean closed(Connection connection) {
        try {
            connection.close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
