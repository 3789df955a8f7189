package io.concierge.examples.wordcount;

import io.concierge.testkit.WorkerContract;
import org.junit.jupiter.api.Test;

/** The worker keeps the rules every worker must keep, checked by the testkit's {@link WorkerContract}. */
class WordCountWorkerContractTest {

    @Test
    void keepsTheWorkerContract() {
        WorkerContract.forWorker(new WordCountWorker())
                .withInputFile("text_file", "notes.txt", "Buy milk\nCall the bank about the loan\n")
                .check();
    }
}
