package io.boxoffice.accounts;

import java.util.UUID;

/** An account's personal data was erased at its owner's request. */
public record AccountErased(UUID accountId) {}
