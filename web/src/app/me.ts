/** A body the signed-in person belongs to or holds a delegate seat in. */
export interface MyBody {
  readonly bodyId: string;
  readonly name: string;
  /** `workplace-assembly`, `cordon`, `supply-committee`, … (translated under `kinds.`). */
  readonly kind: string;
  /** `member`, `chair`, `secretary`, `delegate` (translated under `roles.`). */
  readonly roles: readonly string[];
}

/** The signed-in person, as `GET /api/me` and `POST /api/session` return it. */
export interface Me {
  readonly accountId: string;
  readonly personId: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly locale: string;
  readonly csrfToken: string;
  readonly bodies: readonly MyBody[];
}
