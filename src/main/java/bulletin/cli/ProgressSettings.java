package bulletin.cli;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the send's progress is shown: {@code bulletin.progress} ({@code auto}: a bar on an
 * interactive terminal, plain lines otherwise) and {@code bulletin.progress-interval} between lines.
 */
@ConfigurationProperties("bulletin")
record ProgressSettings(@DefaultValue("auto") Mode progress, @DefaultValue("10s") Duration progressInterval) {

    enum Mode { AUTO, BAR, LINES }
}
