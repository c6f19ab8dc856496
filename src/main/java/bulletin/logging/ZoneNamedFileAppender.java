package bulletin.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The monthly log file, which names the zone its times are in once, at its top: every Bulletin
 * process appends to the same file, so the line is written by the one that finds it new.
 */
public class ZoneNamedFileAppender extends RollingFileAppender<ILoggingEvent> {

    private String zone = "Pacific/Noumea";

    /** {@code bulletin.time-zone}, from logback-spring.xml. */
    public void setZone(String zone) {
        this.zone = zone;
    }

    @Override
    public void openFile(String fileName) throws IOException {
        File file = new File(fileName);
        boolean fresh = !file.exists() || file.length() == 0;
        super.openFile(fileName);
        if (fresh && getOutputStream() != null) {
            getOutputStream().write(("# Bulletin's log: every time below is in " + zone + " (bulletin.time-zone), its offset"
                    + " from UTC beside it" + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            getOutputStream().flush();
        }
    }
}
