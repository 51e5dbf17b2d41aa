package io.boxoffice.accounts;

import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table: SQL for sign-up, sign-in look-ups and erasure. */
@Repository
class Accounts {

    /** An account row with its password hash, for sign-in only. */
    record Credentials(Account account, String passwordHash) {}

    private static final String COLUMNS = "id, email, display_name, roles, created_at, password_hash";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new account; false when a live account already has the email. */
    boolean insert(Account account, String passwordHash) {
        return jdbc.sql("""
                        insert into account (id, email, password_hash, display_name, roles, created_at)
                        values (:id, :email, :hash, :name, :roles::text[], :createdAt)
                        on conflict (email) where email is not null do nothing
                        """)
                        .param("id", account.id())
                        .param("email", account.email())
                        .param("hash", passwordHash)
                        .param("name", account.displayName())
                        .param("roles", names(account.roles()))
                        .param("createdAt", Timestamps.utc(account.createdAt()))
                        .update()
                == 1;
    }

    Optional<Credentials> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from account where email = :email")
                .param("email", email)
                .query((rs, n) -> new Credentials(map(rs), rs.getString("password_hash")))
                .optional();
    }

    /** Replaces a live account's roles; false when there is no such account. */
    boolean setRoles(UUID id, Set<Role> roles) {
        return jdbc.sql("update account set roles = :roles::text[] where id = :id and erased_at is null")
                        .param("id", id)
                        .param("roles", names(roles))
                        .update()
                == 1;
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    Optional<Account> findLive(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id and erased_at is null")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** The roles of a live account; empty once it is erased. */
    Optional<Set<Role>> liveRoles(UUID id) {
        return jdbc.sql("select roles from account where id = :id and erased_at is null")
                .param("id", id)
                .query((row, n) -> roles(row))
                .optional();
    }

    /** The roles of those of these accounts that are live (absent: unknown or erased). */
    java.util.Map<UUID, Set<Role>> liveRoles(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Set<Role>> roles = new java.util.HashMap<>();
        jdbc.sql("select id, roles from account where id = any(cast(:ids as uuid[])) and erased_at is null")
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(row -> {
                    roles.put(row.getObject("id", UUID.class), roles(row));
                });
        return roles;
    }

    /** Nulls every personal column; the row stays so references to it remain valid. */
    boolean erase(UUID id, Instant at) {
        return jdbc.sql("""
                        update account
                           set email = null, password_hash = null, display_name = null, erased_at = :at
                         where id = :id and erased_at is null
                        """).param("id", id).param("at", Timestamps.utc(at)).update() == 1;
    }

    private static Set<Role> roles(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) rs.getArray("roles").getArray())
                .map(Role::valueOf)
                .forEach(roles::add);
        return Set.copyOf(roles);
    }

    private static Account map(ResultSet rs) throws SQLException {
        return new Account(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                roles(rs),
                Timestamps.read(rs, "created_at"));
    }
}
