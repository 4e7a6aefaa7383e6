/**
 * An identifier shortened to its last 8 characters, with the whole id on hover and for copying.
 * UUIDv7s share their leading (time) digits, so the tail is the part that tells them apart.
 *
 * @example <ShortId id="0193a1fc-8f00-7000-8000-00000000beef" /> // …0000beef
 */
export function ShortId({ id }: { id: string }) {
  return (
    <code className="short-id" title={id}>
      {id.length > 8 ? `…${id.slice(-8)}` : id}
    </code>
  );
}
