package org.doorstep.fingerprint;

import static org.doorstep.fingerprint.FingerPosition.LEFT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.LEFT_MIDDLE;
import static org.doorstep.fingerprint.FingerPosition.LEFT_THUMB;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_INDEX;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_MIDDLE;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_RING;
import static org.doorstep.fingerprint.FingerPosition.RIGHT_THUMB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FingerPlanTest {

    private final FingerPlan idCard = FingerPlan.idCard();

    @Test
    void aCatalogueOrderIsFollowedSkippingUnavailableFingers() {
        FingerPlan thumbsFirst = FingerPlan.inOrder(2, List.of(RIGHT_THUMB, FingerPosition.LEFT_THUMB, RIGHT_INDEX,
                LEFT_INDEX));
        assertEquals(List.of(RIGHT_THUMB, FingerPosition.LEFT_THUMB), thumbsFirst.targets(Set.of()));
        assertEquals(List.of(FingerPosition.LEFT_THUMB, RIGHT_INDEX), thumbsFirst.targets(Set.of(RIGHT_THUMB)));
        assertEquals(1, thumbsFirst.shortfall(Set.of(RIGHT_THUMB, FingerPosition.LEFT_THUMB, RIGHT_INDEX)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FingerPlan.inOrder(2, List.of(RIGHT_THUMB, RIGHT_THUMB)));
    }

    @Test
    void anIdCardTakesBothIndexFingers() {
        assertEquals(List.of(RIGHT_INDEX, LEFT_INDEX), idCard.targets(Set.of()));
        assertEquals(Optional.of(RIGHT_INDEX), idCard.next(Set.of(), Set.of()));
        assertEquals(Optional.of(LEFT_INDEX), idCard.next(Set.of(), Set.of(RIGHT_INDEX)));
        assertEquals(Optional.empty(), idCard.next(Set.of(), Set.of(RIGHT_INDEX, LEFT_INDEX)));
    }

    @Test
    void aMissingIndexFingerIsReplacedFromTheSameHandThumbFirst() {
        assertEquals(List.of(RIGHT_THUMB, LEFT_INDEX), idCard.targets(Set.of(RIGHT_INDEX)));
        assertEquals(List.of(RIGHT_MIDDLE, LEFT_INDEX), idCard.targets(Set.of(RIGHT_INDEX, RIGHT_THUMB)));
        assertEquals(List.of(RIGHT_INDEX, LEFT_MIDDLE), idCard.targets(Set.of(LEFT_INDEX, LEFT_THUMB)));
    }

    @Test
    void aWholeMissingHandIsReplacedByTheOtherHand() {
        Set<FingerPosition> rightHand = EnumSet.range(FingerPosition.RIGHT_THUMB, FingerPosition.RIGHT_LITTLE);
        assertEquals(List.of(LEFT_INDEX, LEFT_THUMB), idCard.targets(rightHand));
        assertEquals(0, idCard.shortfall(rightHand));
    }

    @Test
    void fallsShortWhenTooFewFingersAreLeft() {
        Set<FingerPosition> allButOne = EnumSet.complementOf(EnumSet.of(RIGHT_RING));
        assertEquals(List.of(RIGHT_RING), idCard.targets(allButOne));
        assertEquals(1, idCard.shortfall(allButOne));
        assertEquals(2, idCard.shortfall(EnumSet.allOf(FingerPosition.class)));
    }

    @Test
    void aTenPrintTakesEveryAvailableFinger() {
        FingerPlan ten = FingerPlan.tenPrint();
        assertEquals(10, ten.targets(Set.of()).size());
        assertEquals(9, ten.targets(Set.of(LEFT_THUMB)).size());
        assertEquals(1, ten.shortfall(Set.of(LEFT_THUMB)));
        assertEquals(List.of(RIGHT_INDEX, LEFT_INDEX, RIGHT_THUMB), FingerPlan.of(3).targets(Set.of()));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> FingerPlan.of(0));
        assertThrows(IllegalArgumentException.class, () -> FingerPlan.of(11));
    }
}
