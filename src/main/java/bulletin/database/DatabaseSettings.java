package bulletin.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bulletin.database.*}: whether the file database is shared through a loopback server
 * (the default, so that several Bulletin processes can work at once), and how long that server
 * stays up once no Bulletin process uses it. {@code shared: false} opens the files in-process:
 * one process at a time, as the test suite's in-process tests do. {@code host} is set by Bulletin
 * itself for the commands that send ({@code send}, {@code restart}, {@code schedule}): finding no
 * server, such a command holds the files itself and serves them to the others
 * ({@link HostedDatabase}) instead of starting the helper.
 */
@ConfigurationProperties("bulletin.database")
public record DatabaseSettings(@DefaultValue("true") boolean shared, @DefaultValue("30s") Duration idleShutdown,
        @DefaultValue("false") boolean host) {

    /** The property Bulletin sets for the commands that send. */
    public static final String HOST = "bulletin.database.host";
}
