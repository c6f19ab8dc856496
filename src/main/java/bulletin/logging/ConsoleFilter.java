package bulletin.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The terminal hears Bulletin's own loggers only: a library's "Chunk write failed" or "Rolling
 * back chunk transaction" says nothing the operator can act on, and Bulletin says the same in one
 * sentence. Everything still reaches the log file; with {@code --debug}, the terminal too.
 */
public class ConsoleFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (Debugging.enabled() || event.getLoggerName().startsWith("bulletin.")) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
