import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A ration card's signed token as a printable QR code (error correction M, automatic size), drawn
 * in the browser; the distribution point reads the same token back and verifies it offline.
 */
export function CardQr({ token, label }: { token: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(token);
    qr.make();
    // 4 px per module and the standard 4-module quiet zone
    return qr.createDataURL(4, 16);
  }, [token]);
  return <img className="supply-qr" src={src} alt={label} />;
}
