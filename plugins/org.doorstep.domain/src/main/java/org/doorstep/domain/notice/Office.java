package org.doorstep.domain.notice;

/**
 * The office that accepts the case, as printed on the notice for handing in what is owed. Comes from the
 * laptop's configuration (the unit the officer belongs to), not from the catalogue.
 */
public record Office(String name, String address, String phone, String hours) {
}
