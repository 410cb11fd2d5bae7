package org.doorstep.hq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sign-in refused only because the user must wait says until when as a value ({@link AdminException#retryAt}), so
 * that the HQ console can say it in the administrator's language; a wrong password is refused without one.
 */
class SignInRetryTimeTest {

    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() throws Exception {
        store = new Store(dir.resolve("hq"));
        store.firstAdmin();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRefusalWhileTheUserMustWaitCarriesTheTimeToTryAgain() throws Exception {
        for (int i = 0; i < 4; i++) {
            AdminException wrong = assertThrows(AdminException.class,
                    () -> store.admin.signIn("admin", "wrong password!".toCharArray()));
            assertEquals(AdminException.Kind.SIGN_IN, wrong.kind());
            assertEquals(Optional.empty(), wrong.retryAt(), "a wrong password is no matter of waiting");
        }
        // the 4th failure (3 free) makes the user wait 2 s from now
        AdminException waiting = assertThrows(AdminException.class,
                () -> store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()));
        assertEquals(AdminException.Kind.SIGN_IN, waiting.kind());
        assertEquals(Optional.of(Store.START.plus(Duration.ofSeconds(2))), waiting.retryAt());
        assertTrue(waiting.getMessage().contains("try again after"), waiting.getMessage());

        store.clock.advance(Duration.ofSeconds(2));
        assertEquals("admin", store.admin.signIn("admin", Store.ADMIN_PASSWORD.clone()).userId(),
                "at the time it named, the right password is taken");
    }
}
