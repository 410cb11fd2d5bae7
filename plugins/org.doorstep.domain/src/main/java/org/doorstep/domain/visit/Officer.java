package org.doorstep.domain.visit;

/**
 * The officer who makes the visit.
 *
 * @param id   police number or login, as enrolled on the laptop
 * @param name display name
 */
public record Officer(String id, String name) {
}
