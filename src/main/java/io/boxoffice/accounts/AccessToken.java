package io.boxoffice.accounts;

/** A signed bearer token and how many seconds it stays valid. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {

    AccessToken(String accessToken, long expiresIn) {
        this(accessToken, "Bearer", expiresIn);
    }
}
