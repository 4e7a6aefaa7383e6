import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Which decoder read the card: the browser's own BarcodeDetector, or jsQR on canvas frames. */
export type Decoder = 'barcode-detector' | 'jsqr';

// The Shape Detection API is not in TypeScript's DOM library yet.
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** Milliseconds between two attempts to read a frame (enough for a steady hand, light on a phone). */
const FRAME_INTERVAL_MS = 120;
/** Longest side of the frame given to jsQR: a card QR is large in view; smaller is faster. */
const JSQR_MAX_SIDE = 640;

async function browserDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/**
 * Reads a ration card's QR code with the device camera (the back camera on a phone) and hands the
 * token to `onToken` once, then stops the camera. Uses the browser's BarcodeDetector where it has
 * one that reads QR codes, and jsQR (loaded only then) on video frames drawn to a canvas otherwise.
 */
export function CardScanner({ onToken }: { onToken: (token: string, decoder: Decoder) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [decoder, setDecoder] = useState<Decoder | null>(null);
  const handler = useRef(onToken);
  handler.current = onToken;

  // Fetch jsQR now where it will be needed: the service worker keeps what was fetched, so the
  // camera still reads cards after the point loses the network.
  useEffect(() => {
    void browserDetector().then((detector) => (detector ? null : import('jsqr').catch(() => null)));
  }, []);

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const stop = () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
      } catch (err) {
        setProblem(t('supply.scan.noCamera', { reason: err instanceof Error ? err.name : String(err) }));
        setOn(false);
        return;
      }
      const el = video.current;
      if (stopped || !el) return stop();
      el.srcObject = stream;
      await el.play().catch(() => {});
      const detector = await browserDetector();
      const jsQR = detector ? null : (await import('jsqr')).default;
      setDecoder(detector ? 'barcode-detector' : 'jsqr');
      const read = async (): Promise<string | null> => {
        if (el.readyState < 2 || el.videoWidth === 0) return null;
        if (detector) return (await detector.detect(el))[0]?.rawValue ?? null;
        const scale = Math.min(1, JSQR_MAX_SIDE / Math.max(el.videoWidth, el.videoHeight));
        canvas.width = Math.round(el.videoWidth * scale);
        canvas.height = Math.round(el.videoHeight * scale);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx || !jsQR) return null;
        ctx.drawImage(el, 0, 0, canvas.width, canvas.height);
        const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
      };
      const tick = async () => {
        if (stopped) return;
        const text = await read().catch(() => null);
        if (stopped) return;
        if (text) {
          stop();
          setOn(false);
          handler.current(text.trim(), detector ? 'barcode-detector' : 'jsqr');
          return;
        }
        timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
      };
      void tick();
    })();
    return stop;
  }, [on, t]);

  return (
    <div className="supply-scanner">
      <button
        className="button"
        type="button"
        aria-pressed={on}
        onClick={() => {
          setProblem(null);
          setOn((v) => !v);
        }}
      >
        {on ? t('supply.scan.stop') : t('supply.scan.start')}
      </button>
      {on && (
        <>
          {/* The camera image: what the officer aims at the card. It has no sound to caption. */}
          <video ref={video} className="supply-video" muted playsInline aria-label={t('supply.scan.video')} />
          <p className="hint" role="status">
            {t('supply.scan.aim')}
            {decoder && ` ${t(`supply.scan.decoder.${decoder}`)}`}
          </p>
        </>
      )}
      {problem && (
        <p className="error-box" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
