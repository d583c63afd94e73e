package io.pitaya.jca.tcp.nio;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();

    RateLimitedLogTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void logsAtMostTheBudgetPerWindowThenSaysHowManyWereDropped() throws Exception {
        RateLimitedLog log = new RateLimitedLog(logger, 3, 200);
        for (int i = 0; i < 10; i++) {
            log.log(Level.SEVERE, "bad peer " + i, new OutOfMemoryError("test"));
        }
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("bad peer 0", "bad peer 1", "bad peer 2");
        assertThat(records.get(0).getThrown()).isInstanceOf(OutOfMemoryError.class);

        Thread.sleep(250);
        log.log(Level.SEVERE, "next window", null);
        assertThat(records).extracting(LogRecord::getMessage).endsWith("7 similar messages were not logged", "next window");
    }

    @Test
    void recordsBelowTheLoggersLevelUseNoBudget() {
        logger.setLevel(Level.INFO);
        RateLimitedLog log = new RateLimitedLog(logger, 1, 60_000);
        log.log(Level.FINE, "invisible", null);
        log.log(Level.WARNING, "visible", null);
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("visible");
    }
}
