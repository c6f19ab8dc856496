package bulletin.run;

import java.io.IOException;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Run locks that several hosts share: a PostgreSQL advisory lock per run, held by a connection
 * of the sending process for as long as it sends. PostgreSQL releases it when that session ends —
 * the process stopped, was killed, or its host went away (the connection drops) — so a dead
 * holder never blocks a run for good. Who holds it is written beside, for the messages.
 */
final class DatabaseRunLocks implements RunLocks.Keeper {

    private final DataSource dataSource;

    DatabaseRunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public RunLocks.Held acquire(String campaign, String period) {
        long key = key(campaign, period);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!tryLock(connection, key)) {
                String holder = holder(connection, campaign, period);
                connection.close();
                throw new RunInProgressException(campaign, period, holder);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bulletin_run_lock WHERE campaign = ? AND period = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO bulletin_run_lock (campaign, period, host, pid, since) VALUES (?,?,?,?,?)")) {
                delete.setString(1, campaign);
                delete.setString(2, period);
                delete.executeUpdate();
                insert.setString(1, campaign);
                insert.setString(2, period);
                insert.setString(3, host());
                insert.setLong(4, ProcessHandle.current().pid());
                insert.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
                insert.executeUpdate();
            }
            Connection held = connection;
            return () -> release(held, key, campaign, period);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot lock run " + campaign + " " + period + " in the database: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> runningBy(String campaign, String period) {
        long key = key(campaign, period);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (tryLock(connection, key)) {
                unlock(connection, key);
                return Optional.empty();
            }
            return Optional.of(holder(connection, campaign, period));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static void release(Connection connection, long key, String campaign, String period) {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM bulletin_run_lock WHERE campaign = ? AND period = ?")) {
            delete.setString(1, campaign);
            delete.setString(2, period);
            delete.executeUpdate();
            unlock(connection, key);
        } catch (SQLException e) {
            // closing the session below releases the lock all the same
        } finally {
            closeQuietly(connection);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.executeQuery().close();
        }
    }

    private static String holder(Connection connection, String campaign, String period) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT host, pid, since FROM bulletin_run_lock WHERE campaign = ? AND period = ?")) {
            statement.setString(1, campaign);
            statement.setString(2, period);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? "host " + result.getString(1) + ", pid " + result.getLong(2) + " since "
                        + result.getTimestamp(3).toLocalDateTime() : "another process";
            }
        }
    }

    /** The run's lock number: 64 bits of a SHA-256 of campaign and period, the same on every host. */
    static long key(String campaign, String period) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("bulletin run\n" + campaign + "\n" + period).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host's name as the operator knows it. */
    private static String host() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }
}
