package org.doorstep.ui.internal.group;

import org.eclipse.e4.core.services.events.IEventBroker;

/** Makes the {@link CaseOpener} the part uses: announcing on the event broker. */
public final class EventCaseOpeners {

    private EventCaseOpeners() {
    }

    public static CaseOpener of(IEventBroker broker) {
        return new EventCaseOpener(broker);
    }
}
