-- Tokens revoked before they expire (personal access tokens deleted by their user or an admin), kept until they
-- would have expired: every service refuses them (see io.strata.common.security.RevokedTokens).

create table revoked_token (
    token_id   varchar(64) primary key,
    expires_at timestamptz not null
);
