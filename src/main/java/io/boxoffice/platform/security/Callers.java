package io.boxoffice.platform.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads the {@link Caller} of the current request from the security context. */
public final class Callers {

    private Callers() {}

    /** The signed-in caller, or empty for an anonymous request. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : token.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(Role.valueOf(name.substring("ROLE_".length())));
            }
        }
        return Optional.of(new Caller(UUID.fromString(token.getToken().getSubject()), roles));
    }

    /** The signed-in caller; fails with 401 for an anonymous request. */
    public static Caller required() {
        return current().orElseThrow(AuthenticationRequired::new);
    }
}
