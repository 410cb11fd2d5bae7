package org.doorstep.sync.vault;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

import org.doorstep.domain.InvalidInputException;
import org.doorstep.domain.catalogue.ApplicationType;
import org.doorstep.domain.catalogue.Catalogue;
import org.doorstep.domain.catalogue.CatalogueHolder;
import org.doorstep.vault.StoredCatalogue;
import org.doorstep.vault.Vault;

/**
 * The catalogues this laptop knows: the one built into the product and those HQ sent, which the vault keeps. Offered
 * to a {@link CatalogueHolder} in version order, exactly as they were accepted, so the holder's rules (newer
 * version, effective no earlier) decide the catalogue in force and whether HQ's next one is acceptable.
 */
public final class HqCatalogues {

    private static final System.Logger LOG = System.getLogger(HqCatalogues.class.getName());

    private HqCatalogues() {
    }

    /** A holder with the built-in catalogue and every catalogue HQ sent, by the given clock. */
    public static CatalogueHolder holder(Vault vault, Clock clock) {
        CatalogueHolder holder = CatalogueHolder.withBuiltIn(clock);
        for (StoredCatalogue stored : vault.hqInbox().catalogues()) {
            try {
                holder.offer(stored.json());
            } catch (InvalidInputException e) {
                // accepted when it came, so this means the product's rules changed since; the next one replaces it
                LOG.log(System.Logger.Level.WARNING, "stored catalogue version " + stored.version()
                        + " is no longer accepted: " + e.getMessage());
            }
        }
        return holder;
    }

    /** Every application type id of the built-in catalogue and of HQ's. */
    static Set<String> documentTypes(Vault vault) {
        Set<String> ids = new TreeSet<>();
        Catalogue.builtIn().types().stream().map(ApplicationType::id).forEach(ids::add);
        for (StoredCatalogue stored : vault.hqInbox().catalogues()) {
            try {
                Catalogue.parse(stored.json()).types().stream().map(ApplicationType::id).forEach(ids::add);
            } catch (InvalidInputException e) {
                // see holder(): not used for checking work orders either
            }
        }
        return ids;
    }
}
