package org.doorstep.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.doorstep.hq.TestHq;
import org.doorstep.sync.pki.PkiSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ's own certificates (ingest workers, the console, the broker, HQ's keys) are on the CA's record so that they can
 * be revoked, but none of them is a laptop: ingest never takes a packet in their name.
 */
class DeviceDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void hqsOwnNamesAreNeverLaptops() throws Exception {
        try (TestHq hq = new TestHq(dir)) {
            hq.ca.issueHqClientCertificate(PkiSuite.INTL.generateKeyPair(TestHq.RANDOM).getPublic(), "hq-ingest-1");
            hq.ca.issueServerCertificate(PkiSuite.INTL.generateKeyPair(TestHq.RANDOM).getPublic(), "broker",
                    List.of("127.0.0.1"));
            TestHq.Device laptop = hq.enrol("laptop-07");
            DeviceDirectory directory = new DeviceDirectory(hq.caStore, hq.clock);
            for (String name : List.of("hq-ingest-1", "broker", "hq-signing", "hq-encryption")) {
                DeviceDirectory.Unknown unknown = assertInstanceOf(DeviceDirectory.Unknown.class, directory.lookUp(name),
                        name);
                assertTrue(unknown.detail().contains("one of HQ's own names"), unknown.detail());
            }
            assertInstanceOf(DeviceDirectory.Known.class, directory.lookUp(laptop.id()));
        }
    }
}
