package io.concierge.workers.test;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code test.echo}: writes its message to {@code message.txt}. The smallest real worker, for
 * trying the lifecycle and for tests: it can also take its time ({@code delay_seconds}, honouring
 * halts) and fail on purpose ({@code fail: true}).
 */
public final class EchoWorker implements Worker {
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("test.echo", "1.0.0",
            "Writes a message to message.txt (for trying Concierge out)", List.of("message"),
            List.of("delay_seconds", "fail"), List.of("message"));

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext context) {
        context.inputs().require("message");
        double delay = context.params().number("delay_seconds", 0);
        if (delay < 0 || delay > 3600) {
            throw WorkerFailure.nonRetryable("input.invalid", "param delay_seconds must be from 0 to 3600, got " + delay);
        }
        context.params().flag("fail", false);
    }

    @Override
    public WorkerResult execute(WorkerContext context) throws Exception {
        long delayMillis = Math.round(context.params().number("delay_seconds", 0) * 1000);
        long waited = 0;
        while (waited < delayMillis) {
            context.checkHalted();
            long slice = Math.min(100, delayMillis - waited);
            Thread.sleep(slice);
            waited += slice;
            context.progress((double) waited / delayMillis, "waiting");
        }
        if (context.params().flag("fail", false)) {
            throw WorkerFailure.nonRetryable("test.failure", "failed on purpose (param fail is true)");
        }
        String message = context.inputs().require("message");
        Path out = context.outputFile("message.txt");
        Files.writeString(out, message + "\n", StandardCharsets.UTF_8);
        return WorkerResult.builder().output("message", out).metric("characters", message.length()).build();
    }
}
