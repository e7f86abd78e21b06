/**
 * Voice recording with the WebView's MediaRecorder (zmp-sdk has no recorder): Android's
 * WebView writes WebM/Opus, iOS's MP4/AAC; the API accepts both. Where there is no
 * MediaRecorder or microphone access, the screen offers picking an audio file instead.
 */

/** In order of preference: small files that Whisper reads. */
const TYPES = ['audio/webm;codecs=opus', 'audio/mp4', 'audio/ogg;codecs=opus', 'audio/webm'];

/** Longest recording; the recorder stops by itself (about 1 MB of Opus). */
export const MAX_RECORDING_SECONDS = 180;

export function canRecord(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.MediaRecorder !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

export function recordingType(): string | undefined {
  return TYPES.find((t) => MediaRecorder.isTypeSupported?.(t));
}

/** The file extension of a recording's type, for its name. */
export const extensionFor = (type: string) =>
  type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm';

export type RecorderError = 'denied' | 'unavailable';

export type Recording = {
  /** Stops and gives the recorded audio. */
  stop(): Promise<Blob>;
  /** Stops and drops it. */
  cancel(): void;
};

export async function startRecording(): Promise<
  { ok: true; recording: Recording } | { ok: false; error: RecorderError }
> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    return {
      ok: false,
      error: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable',
    };
  }
  const type = recordingType();
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  } catch {
    for (const track of stream.getTracks()) track.stop();
    return { ok: false, error: 'unavailable' };
  }
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const release = () => {
    for (const track of stream.getTracks()) track.stop();
  };
  recorder.start(1000);
  return {
    ok: true,
    recording: {
      stop: () =>
        new Promise<Blob>((resolve) => {
          recorder.onstop = () => {
            release();
            resolve(new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' }));
          };
          if (recorder.state === 'inactive') recorder.onstop(new Event('stop'));
          else recorder.stop();
        }),
      cancel: () => {
        recorder.onstop = release;
        if (recorder.state !== 'inactive') recorder.stop();
        else release();
      },
    },
  };
}
