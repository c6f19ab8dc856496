package bulletin.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** A stack trace on the terminal only with {@code --debug}; the log file always has it. */
public class DebugOnlyTrace extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Debugging.enabled() ? super.convert(event) : "";
    }
}
