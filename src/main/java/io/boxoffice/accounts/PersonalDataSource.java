package io.boxoffice.accounts;

import java.util.UUID;

/** A module that holds personal data about accounts contributes its part of a GDPR export. */
public interface PersonalDataSource {

    /** The name of this module's section in the export, such as {@code venues}. */
    String section();

    /** Everything this module holds about the account, ready to serialise as JSON. */
    Object exportFor(UUID accountId);
}
