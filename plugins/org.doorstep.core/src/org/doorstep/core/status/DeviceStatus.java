package org.doorstep.core.status;

import java.util.Objects;
import java.util.Optional;

/**
 * The laptop's identity and vault state.
 *
 * @param state      vault state
 * @param deviceName name given at set-up; empty before
 * @param officerId  officer who unlocked the vault; present only while {@link DeviceState#UNLOCKED}
 */
public record DeviceStatus(DeviceState state, Optional<String> deviceName, Optional<String> officerId) {

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(officerId, "officerId");
        if (state == DeviceState.NOT_ENROLLED && deviceName.isPresent()) {
            throw new IllegalArgumentException("a device that is not set up has no name");
        }
        if (officerId.isPresent() != (state == DeviceState.UNLOCKED)) {
            throw new IllegalArgumentException("an officer is known exactly while the vault is unlocked, not in " + state);
        }
    }

    public static DeviceStatus notEnrolled() {
        return new DeviceStatus(DeviceState.NOT_ENROLLED, Optional.empty(), Optional.empty());
    }
}
