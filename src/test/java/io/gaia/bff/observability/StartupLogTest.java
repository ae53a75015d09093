package io.gaia.bff.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gaia.bff.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A platform engineer reads the first lines of a new pod's log for trouble: a start with sound
 * settings has no WARN or ERROR among them.
 */
@QuarkusTest
@TestProfile(StartupLogTest.CapturedLog.class)
class StartupLogTest {

    static final LogCapture LOG = LogCapture.named("startup-log");

    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LOG.config("INFO");
        }
    }

    @Test
    void aStartWithSoundSettingsLogsNoWarningOrError() {
        LOG.awaitContaining("Installed features");
        List<LogCapture.Entry> troubles = LOG.entries().stream()
                .filter(entry -> entry.level().equals("WARN") || entry.level().equals("ERROR")).toList();
        assertEquals(List.of(), troubles, LOG.read());
    }
}
