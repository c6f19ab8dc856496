package bulletin.cli;

import bulletin.schedule.Scheduler;
import bulletin.stop.OperatorStop;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schedule}: stays running and sends each scheduled job at its time. */
@Component
@Scope("prototype")
@Command(name = "schedule", mixinStandardHelpOptions = true)
class ScheduleCommand implements Callable<Integer> {

    @Option(names = "--grace", defaultValue = "PT6H", paramLabel = "DURATION")
    Duration grace;

    private final Scheduler scheduler;
    private final OperatorStop operatorStop;

    ScheduleCommand(Scheduler scheduler, OperatorStop operatorStop) {
        this.scheduler = scheduler;
        this.operatorStop = operatorStop;
    }

    @Override
    public Integer call() throws InterruptedException {
        scheduler.run(grace);
        return operatorStop.requested() ? operatorStop.signal().exitCode() : ExitCodes.STOPPED;
    }
}
