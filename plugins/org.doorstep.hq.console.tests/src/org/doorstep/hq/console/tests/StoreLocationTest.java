package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.doorstep.hq.console.internal.model.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the console looks for HQ's store: the start option, the environment, the local HQ's file, in that order. */
class StoreLocationTest {

    @TempDir
    Path dir;

    @Test
    void theOptionWinsThenTheEnvironmentThenTheLocalHqsFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("hq-data"));
        Files.writeString(data.resolve("hq-admin.properties"), "# written by ./doorstep hq\ndb.url=jdbc:derby://127.0.0.1:41234//x/hq\n");
        Map<String, String> env = Map.of("DOORSTEP_HQ_DB", "jdbc:derby://hq.example:1527//srv/hq");
        StoreLocation option = StoreLocation.resolve(Map.of("doorstep.hq.store", "jdbc:derby://10.0.0.1:1527//hq"), env, dir);
        assertEquals(Optional.of("jdbc:derby://10.0.0.1:1527//hq"), option.url());
        assertEquals(StoreLocation.Source.OPTION, option.source());
        StoreLocation environment = StoreLocation.resolve(Map.of("doorstep.hq.store", " "), env, dir);
        assertEquals(Optional.of("jdbc:derby://hq.example:1527//srv/hq"), environment.url());
        assertEquals(StoreLocation.Source.ENVIRONMENT, environment.source());
        StoreLocation file = StoreLocation.resolve(Map.of(), Map.of(), dir);
        assertEquals(Optional.of("jdbc:derby://127.0.0.1:41234//x/hq"), file.url());
        assertEquals(StoreLocation.Source.HQ_DATA, file.source());
        assertEquals(Optional.of(data.resolve("hq-admin.properties").toAbsolutePath()), file.file());
    }

    @Test
    void theLocalHqsFileIsReadAgainBecauseItsPortChangesAtEveryStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("elsewhere"));
        StoreLocation none = StoreLocation.resolve(Map.of("doorstep.hq.data", data.toString()), Map.of(), dir);
        assertEquals(Optional.empty(), none.url(), "no HQ started there yet");
        assertEquals(StoreLocation.Source.NONE, none.source());
        Files.writeString(data.resolve("hq-admin.properties"), "db.url=jdbc:derby://127.0.0.1:40001//x/hq\n");
        assertEquals(Optional.of("jdbc:derby://127.0.0.1:40001//x/hq"), none.refreshed().url());
        Files.writeString(data.resolve("hq-admin.properties"), "db.url=jdbc:derby://127.0.0.1:40002//x/hq\n");
        assertEquals(Optional.of("jdbc:derby://127.0.0.1:40002//x/hq"), none.refreshed().refreshed().url());
    }

    @Test
    void aBrokenFileOrAUrlTheConsoleCannotUseIsSaidSo() throws Exception {
        Path data = Files.createDirectories(dir.resolve("hq-data"));
        Files.write(data.resolve("hq-admin.properties"), new byte[] {'d', 'b', '.', 'u', 'r', 'l', '=', '\\', 'u', 'z'});
        assertEquals(StoreLocation.Source.NONE, StoreLocation.resolve(Map.of(), Map.of(), dir).source());
        assertEquals(Optional.of("empty"), StoreLocation.problem(" "));
        assertEquals(Optional.of("not-network"), StoreLocation.problem("jdbc:derby:/srv/hq/derby/hq"));
        assertEquals(Optional.of("not-network"), StoreLocation.problem("jdbc:postgresql://hq/doorstep"));
        assertTrue(StoreLocation.problem("jdbc:derby://127.0.0.1:1527//srv/hq/derby/hq").isEmpty());
        assertEquals(StoreLocation.Source.TYPED, StoreLocation.typed("jdbc:derby://h:1//d").source());
    }
}
