package org.doorstep.domain;

/**
 * Why an applicant asks for fee relief; the catalogue's waivers say which fees each basis reduces. The
 * national rule for resident ID cards waives the fee of the first card and of a renewal for the first
 * three and halves it for the fourth; evidence comes from the township government or street office.
 */
public enum ReliefBasis implements Vocabulary {
    /** Receives the minimum living allowance (低保). */
    MINIMUM_LIVING_ALLOWANCE,
    /** Supported as a person in extreme poverty (特困供养 / 五保). */
    EXTREME_POVERTY,
    /** Entitled dependant receiving state pensions (优抚对象). */
    ENTITLED_DEPENDANT,
    /** In hardship after a disaster, an accident or illness (生活困难). */
    HARDSHIP
}
