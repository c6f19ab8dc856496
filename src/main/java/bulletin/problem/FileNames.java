package bulletin.problem;

import java.nio.file.Path;

/**
 * How a file is named to the operator: relative to the Bulletin home when it lies inside it
 * ({@code data/members.csv}), whole otherwise. A sentence that names a file at a deep home
 * ({@code /srv/associations/…}) would otherwise spend its width on the home and hide the file.
 */
@FunctionalInterface
public interface FileNames {

    /** Files named as they were given: for code that has no home. */
    FileNames AS_GIVEN = file -> file;

    Path shown(Path file);

    static FileNames relativeTo(Path home) {
        Path root = home.toAbsolutePath().normalize();
        return file -> {
            Path absolute = file.toAbsolutePath().normalize();
            return absolute.startsWith(root) && !absolute.equals(root) ? root.relativize(absolute) : file;
        };
    }
}
