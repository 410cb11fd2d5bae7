package org.doorstep.domain.form;

/**
 * Where the documents are sent by post.
 *
 * @param district optional: some prefecture-level cities have no districts
 * @param postcode six digits
 */
public record PostalAddress(String recipient, String phone, String province, String city, String district,
        String street, String postcode) {
}
