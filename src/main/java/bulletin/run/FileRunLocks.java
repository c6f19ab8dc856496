package bulletin.run;

import bulletin.files.OwnerOnly;
import bulletin.home.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Run locks of one host: an operating-system lock per run under {@code data/locks/}. The system
 * drops it when its process ends, however it ends — even by SIGKILL.
 */
final class FileRunLocks implements RunLocks.Keeper {

    private final Workspace workspace;

    FileRunLocks(Workspace workspace) {
        this.workspace = workspace;
    }

    private static final class FileHeld implements RunLocks.Held {
        private final FileChannel channel;
        private final FileLock lock;

        private FileHeld(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel is what matters, and the process's end does it too
            }
        }
    }

    @Override
    public RunLocks.Held acquire(String campaign, String period) {
        Path file = file(campaign, period);
        FileChannel channel = null;
        try {
            OwnerOnly.folders(file.getParent());
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new RunInProgressException(campaign, period, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since "
                    + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new FileHeld(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock run " + campaign + " " + period + " in " + file.getParent(), e);
        }
    }

    @Override
    public Optional<String> runningBy(String campaign, String period) {
        Path file = file(campaign, period);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(holder(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (the scheduler running it)
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    /** The campaign's file name plus a hash of its exact name, so that "Été" and "_t_" never share a lock. */
    private Path file(String campaign, String period) {
        String readable = Workspace.fileName(campaign);
        String hash = HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(campaign.hashCode()).array());
        return workspace.resolve("data/locks").resolve(readable + "-" + period + "-" + hash + ".lock");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
