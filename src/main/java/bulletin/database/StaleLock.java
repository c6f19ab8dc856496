package bulletin.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * HSQLDB's lock on a file database ({@code DB.lck}) is a file with a heartbeat: after its holder
 * was killed, the next process may open the files only once the heartbeat is ten seconds old. A
 * Bulletin process that holds the files (the helper, or a send serving them itself) names itself
 * in the {@link ServerFile}; when that process is gone, its lock is stale for sure and removed,
 * so that a {@code restart} after a {@code kill -9} opens the files at once.
 *
 * <p>Called only under the start lock ({@code DB.server.lock}, held by whoever opens the files:
 * a sending command, a tool through {@code SharedDatabase.openInProcess}, or the command that
 * starts the helper and waits for it): two openers never remove it for each other. A process id reused by another program counts as alive: HSQLDB's own wait then applies.
 */
final class StaleLock {

    private StaleLock() {
    }

    static void removeIfItsHolderDied(Path database) {
        Optional<ServerFile> holder = ServerFile.read(ServerFile.of(database));
        if (holder.isEmpty() || ProcessHandle.of(holder.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        try {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".lck"));
        } catch (IOException e) {
            // HSQLDB's own wait for a stale heartbeat applies
        }
    }
}
