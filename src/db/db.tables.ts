/** Tables the database layer itself keeps. */
export interface DbTables {
  /** This deployment's identity, written once by the first migration run. */
  deployment: {
    id: string;
    created_at: string;
  };
  /** Every write command that ran, so that a retried command returns its first result. */
  processed_commands: {
    id: string;
    actor_id: string | null;
    /** What the command was (route and body hash); a reused id with another fingerprint is refused. */
    fingerprint: string;
    /** JSON of the command's result, null while it runs. */
    result: string | null;
    created_at: string;
  };
}
