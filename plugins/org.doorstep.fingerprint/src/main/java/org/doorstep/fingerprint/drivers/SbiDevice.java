package org.doorstep.fingerprint.drivers;

import java.util.List;

/**
 * A fingerprint device as its SBI service describes it: from discovery ({@code MOSIPDISC}) and, once
 * connected, device info ({@code MOSIPDINFO}: make, model, serial number, firmware; empty strings before).
 *
 * @param deviceSubType "Slap", "Single" or "Touchless" (SBI digital ID), empty if not said
 * @param deviceSubIds  the device's capture units ("1" left slap, "2" right slap, "3" thumbs for slap scanners)
 */
public record SbiDevice(int port, String deviceId, String status, String purpose, String certification,
        List<String> specVersions, List<String> deviceSubIds, String deviceSubType, String make, String model,
        String serialNo, String firmware) {

    public SbiDevice {
        specVersions = List.copyOf(specVersions);
        deviceSubIds = List.copyOf(deviceSubIds);
    }

    public boolean ready() {
        return "Ready".equalsIgnoreCase(status);
    }

    /** Registration devices deliver images we can read; "Auth" devices encrypt them for MOSIP's key. */
    public boolean registration() {
        return purpose.isEmpty() || "Registration".equalsIgnoreCase(purpose);
    }

    SbiDevice withInfo(String make, String model, String serialNo, String firmware, String deviceSubType) {
        return new SbiDevice(port, deviceId, status, purpose, certification, specVersions, deviceSubIds,
                deviceSubType.isEmpty() ? this.deviceSubType : deviceSubType, make, model, serialNo, firmware);
    }

    /** "127.0.0.1:4501 Acme FP-500 serial 1234" */
    public String label() {
        String name = (make + " " + model).strip();
        return "127.0.0.1:" + port + (name.isEmpty() ? " device " + deviceId : " " + name)
                + (serialNo.isEmpty() ? "" : " serial " + serialNo);
    }
}
