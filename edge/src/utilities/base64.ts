/**
 * Standard base64 of bytes (Whisper takes its audio as a base64 string). Encoded in slices
 * whose length is a multiple of 3, so each slice's base64 joins the next without padding and
 * no 10 MB binary string is ever built (the Worker runs without nodejs_compat's Buffer).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 3 * 8192;
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += SLICE) {
    const slice = bytes.subarray(at, Math.min(at + SLICE, bytes.length));
    let binary = '';
    for (let i = 0; i < slice.length; i++) binary += String.fromCharCode(slice[i] as number);
    parts.push(btoa(binary));
  }
  return parts.join('');
}
