package bulletin.audience;

import bulletin.problem.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes recipient files for a test and reads them back the way a run does. */
final class AudienceFiles {

    private final Path home;

    AudienceFiles(Path home) {
        this.home = home;
    }

    Path write(String relative, String content) {
        return write(relative, content, StandardCharsets.UTF_8);
    }

    Path write(String relative, String content, Charset charset) {
        return writeBytes(relative, content.getBytes(charset));
    }

    Path writeBytes(String relative, byte[] content) {
        Path file = home.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path resolve(String relative) {
        return home.resolve(relative);
    }

    ListCatalog catalog() {
        return new ListCatalog(home.resolve("data/lists"), this::resolve, FileNames.AS_GIVEN);
    }

    List<AudienceEntry> read(RecipientSource... sources) {
        return read(new AddressNormalizer(), sources);
    }

    List<AudienceEntry> read(AddressNormalizer normalizer, RecipientSource... sources) {
        List<AudienceEntry> entries = new ArrayList<>();
        try (AudienceReader reader = new AudienceReader(AudiencePlan.of(List.of(sources), catalog()), normalizer, FileNames.AS_GIVEN)) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    RecipientSource csv(String relative) {
        return new RecipientSource.Csv(resolve(relative), StandardCharsets.UTF_8, null);
    }

    static Recipient accepted(AudienceEntry entry) {
        if (entry instanceof AudienceEntry.Accepted accepted) {
            return accepted.recipient();
        }
        throw new AssertionError("expected an accepted entry, got " + entry);
    }

    static AudienceEntry.Invalid invalid(AudienceEntry entry) {
        if (entry instanceof AudienceEntry.Invalid invalid) {
            return invalid;
        }
        throw new AssertionError("expected an invalid entry, got " + entry);
    }
}
