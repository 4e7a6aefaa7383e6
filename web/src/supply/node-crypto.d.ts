// The card verifier shared with the server (src/supply/core/verify-card-web.ts) names the Node
// verifier's types; the browser build never loads node:crypto, so only the names it uses are
// declared here, opaque.
declare module 'node:crypto' {
  export interface KeyObject {
    readonly asymmetricKeyType?: string;
  }
  export function createPublicKey(key: unknown): KeyObject;
  export function verify(algorithm: null, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean;
}
