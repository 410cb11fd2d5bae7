package org.doorstep.vault;

import java.time.Instant;

/** A catalogue HQ sent ({@code doorstep-catalogue/1} JSON, checked by the sync service before it was stored). */
public record StoredCatalogue(int version, long sequence, Instant received, byte[] json) {

    public StoredCatalogue {
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }
}
