package bulletin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced is the owner's alone, whole or not at all. */
class OwnerOnlyTest {

    @TempDir
    Path folder;

    @Test
    void aReplacedFileIsWholeOwnerOnlyAndLeavesNothingBeside() throws IOException {
        Path file = folder.resolve("reports/audit.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old rows\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        long rows = OwnerOnly.replace(file, out -> {
            out.write("new rows\n".getBytes(StandardCharsets.UTF_8));
            return 2L;
        });

        assertThat(rows).isEqualTo(2);
        assertThat(file).hasContent("new rows");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(folder.resolve("reports/audit.csv.tmp")).doesNotExist();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAsItWas() throws IOException {
        Path file = folder.resolve("report.html");
        Files.writeString(file, "the old report");

        assertThatThrownBy(() -> OwnerOnly.replace(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(file).hasContent("the old report");
    }

    @Test
    void aNewFileIsMadeWithItsFolders() throws IOException {
        Path file = folder.resolve("a/b/page.html");

        OwnerOnly.replaceString(file, "é");

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("é");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }
}
