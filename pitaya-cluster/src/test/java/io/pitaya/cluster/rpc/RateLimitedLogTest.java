package io.pitaya.cluster.rpc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {

    @Test
    void aFloodLogsOnceAndCountsWhatItSkipped() throws Exception {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        List<String> logged = new CopyOnWriteArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        RateLimitedLog log = new RateLimitedLog(logger, Duration.ofMillis(200));

        for (int i = 0; i < 1000; i++) {
            log.warn("bad message", null);
        }
        Thread.sleep(250);
        log.warn("bad message", null);

        assertThat(logged).containsExactly("bad message", "bad message (999 similar not logged)");
    }
}
