package bulletin.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connection to the shared database server that keeps its prepared statements for the next use
 * of the same SQL. Over the server's protocol a statement costs three requests (prepare, execute,
 * free) where a kept one costs one; a send's round is three statements and a commit, two thousand
 * rounds for 100,000 recipients (bench/RESULTS.md, session 15). In-process HSQLDB and PostgreSQL's
 * driver need nothing of the kind: they are not wrapped.
 *
 * <p>A statement is lent to one user at a time: the same SQL prepared again while it is in use
 * gets a statement of its own. Closing it gives it back, cleared of what its user left (parameters,
 * a batch, an open result); one whose settings its user changed (fetch size, maximum rows, time-out
 * and the like) is closed for real, so that nobody inherits them. A kept statement that a schema
 * change made invalid is prepared again on its first execution. A closed one refuses every call,
 * since the statement behind it may be lent again. At most {@link #KEPT} statements wait per
 * connection, the least recently used closed first; closing the connection closes them all.
 *
 * <p><b>Threads.</b> A connection is used by one thread at a time (the pool's contract); the pool
 * may close it from its own thread: the statements kept are guarded by this handler's lock.
 */
final class CachedStatements implements InvocationHandler {

    /** Statements kept per connection: more than the distinct SQL of a send or a staging. */
    static final int KEPT = 64;

    /** The setters whose effect outlives a use: a statement they were called on is not kept. */
    private static final Set<String> SETTINGS = Set.of("setFetchSize", "setFetchDirection", "setMaxRows", "setLargeMaxRows",
            "setMaxFieldSize", "setQueryTimeout", "setEscapeProcessing", "setPoolable", "setCursorName", "closeOnCompletion");

    /** HSQLDB's SQL state for a prepared statement its schema change made invalid. */
    private static final String INVALIDATED = "07502";

    private final Connection target;
    private final Map<String, PreparedStatement> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= KEPT) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };
    private Connection proxy;

    private CachedStatements(Connection target) {
        this.target = target;
    }

    /** {@code connection}, keeping its prepared statements. */
    static Connection of(Connection connection) {
        CachedStatements handler = new CachedStatements(connection);
        handler.proxy = (Connection) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement" -> {
                if (args.length == 1) {
                    return lend((String) args[0]);
                }
            }
            case "close" -> closeKept();
            case "equals", "hashCode", "toString" -> {
                return identity(self, method, args, "CachedStatements[" + target + "]");
            }
            default -> {
                // everything else is the connection's own
            }
        }
        return call(target, method, args);
    }

    private PreparedStatement lend(String sql) throws SQLException {
        PreparedStatement statement;
        synchronized (this) {
            statement = kept.remove(sql);
        }
        // One closed behind the cache's back (through its result's getStatement()) is not lent again.
        boolean reused = statement != null && !statement.isClosed();
        if (!reused) {
            statement = target.prepareStatement(sql);
        }
        return (PreparedStatement) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new Lent(sql, statement, reused));
    }

    /** Takes back a statement its user closed: kept when it is clean and none waits for its SQL, else closed. */
    private void giveBack(String sql, PreparedStatement statement, boolean settingsChanged) {
        if (!settingsChanged && cleared(statement)) {
            synchronized (this) {
                if (!kept.containsKey(sql)) {
                    kept.put(sql, statement);
                    return;
                }
            }
        }
        closeQuietly(statement);
    }

    /** Whether what its user left on it is gone; false when that failed (a broken connection). */
    private static boolean cleared(PreparedStatement statement) {
        try {
            ResultSet left = statement.getResultSet();
            if (left != null) {
                left.close();
            }
            statement.clearParameters();
            statement.clearBatch();
            statement.clearWarnings();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private synchronized void closeKept() {
        kept.values().forEach(CachedStatements::closeQuietly);
        kept.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the server frees a session's statements when the session ends
        }
    }

    /** A proxy's equals, hashCode and toString: its own identity, not its target's. */
    private static Object identity(Object self, Method method, Object[] args, String shown) {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> shown;
        };
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One use of a statement: from its preparing to its closing. */
    private final class Lent implements InvocationHandler {

        private final String sql;
        private PreparedStatement statement;
        /**
         * What the user did to a kept statement before its first execution, to do again on a fresh
         * one; null after it, and for a statement prepared for this use (nothing to replay it on).
         */
        private List<Call> setUp;
        private boolean closed;
        private boolean settingsChanged;

        Lent(String sql, PreparedStatement statement, boolean reused) {
            this.sql = sql;
            this.statement = statement;
            this.setUp = reused ? new ArrayList<>() : null;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack(sql, statement, settingsChanged);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || statement.isClosed();
                }
                case "getConnection" -> {
                    return proxy;
                }
                case "equals", "hashCode", "toString" -> {
                    return identity(self, method, args, "CachedStatements.Lent[" + sql + "]");
                }
                default -> {
                    if (closed) {
                        throw new SQLException("statement is closed");
                    }
                    if (SETTINGS.contains(method.getName())) {
                        settingsChanged = true;
                    }
                    return method.getName().startsWith("execute") ? execute(method, args) : use(method, args);
                }
            }
        }

        private Object use(Method method, Object[] args) throws Throwable {
            if (setUp != null && !method.getName().startsWith("get") && !method.getName().startsWith("is")) {
                setUp.add(new Call(method, args));
            }
            return call(statement, method, args);
        }

        /**
         * Executes; a kept statement the server no longer takes, because the schema changed under
         * it (a migration by another process), is prepared afresh and set up again once: the
         * server refuses it before executing anything.
         */
        private Object execute(Method method, Object[] args) throws Throwable {
            List<Call> firstUse = setUp;
            setUp = null;
            try {
                return call(statement, method, args);
            } catch (SQLException e) {
                if (firstUse == null || !INVALIDATED.equals(e.getSQLState())) {
                    throw e;
                }
                closeQuietly(statement);
                statement = target.prepareStatement(sql);
                for (Call done : firstUse) {
                    call(statement, done.method(), done.args());
                }
                return call(statement, method, args);
            }
        }
    }

    private record Call(Method method, Object[] args) {
    }
}
