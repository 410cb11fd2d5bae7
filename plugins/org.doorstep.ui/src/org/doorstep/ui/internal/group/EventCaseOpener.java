package org.doorstep.ui.internal.group;

import org.eclipse.e4.core.services.events.IEventBroker;

/** Announces the case to open on {@link CaseOpener#TOPIC}, for the guided-case screens to pick up. */
final class EventCaseOpener implements CaseOpener {

    private final IEventBroker broker;

    EventCaseOpener(IEventBroker broker) {
        this.broker = broker;
    }

    @Override
    public void open(String caseId) {
        if (broker != null) {
            broker.post(TOPIC, caseId);
        }
    }
}
