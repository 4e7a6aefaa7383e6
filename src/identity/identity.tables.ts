/**
 * Tables of the identity area. Ids are UUIDv7 text; times are ISO-8601 UTC text.
 */
export interface IdentityTables {
  people: {
    id: string;
    display_name: string;
    /** Preferred language of the person: 'es' or 'en'. */
    locale: string;
    created_at: string;
  };
  accounts: {
    id: string;
    person_id: string;
    /** Lower-case sign-in name, unique. */
    username: string;
    /** argon2id PHC string. */
    password_hash: string;
    /** 1 for deployment administrators, else 0. */
    is_admin: number;
    created_at: string;
    password_changed_at: string;
  };
  sessions: {
    /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
    id: string;
    account_id: string;
    /** Random token the client echoes in X-CSRF-Token on writes. */
    csrf_token: string;
    created_at: string;
    expires_at: string;
  };
  api_tokens: {
    id: string;
    name: string;
    /** SHA-256 (hex) of the secret part; the secret is shown once at creation. */
    secret_hash: string;
    /** Space-separated scopes, e.g. `production:report supply:claim`. */
    scopes: string;
    /** The body (workplace, supply committee) the token acts for, if any. */
    body_id: string | null;
    created_by: string;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
  /** Demo accounts' passwords, kept only in demo mode so they can be printed at each start. */
  demo_credentials: {
    username: string;
    password: string;
    description: string;
  };
}
