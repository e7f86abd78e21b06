import { describe, expect, it } from 'vitest';
import { audioProblem, formatSize, imageProblem } from './checks';

const file = (size: number, type: string, name = 'tep') =>
  new File([new Uint8Array(size)], name, { type });

describe('imageProblem', () => {
  it('accepts photos within the limit', () => {
    expect(imageProblem(file(100, 'image/jpeg'), 1000)).toBeNull();
    expect(imageProblem(file(100, 'image/heic'), 1000)).toBeNull();
    expect(imageProblem(file(100, '', 'anh.PNG'), 1000)).toBeNull();
  });
  it('refuses other files, oversized and empty ones', () => {
    expect(imageProblem(file(100, 'application/pdf'), 1000)).toBe('type');
    expect(imageProblem(file(100, 'image/gif'), 1000)).toBe('type');
    expect(imageProblem(file(100, '', 'ghi-chu.txt'), 1000)).toBe('type');
    expect(imageProblem(file(1001, 'image/jpeg'), 1000)).toBe('size');
    expect(imageProblem(file(0, 'image/jpeg'), 1000)).toBe('empty');
  });
});

describe('audioProblem', () => {
  it('accepts recordings, including those labelled as video', () => {
    expect(audioProblem(file(100, 'audio/webm;codecs=opus'), 1000)).toBeNull();
    expect(audioProblem(file(100, 'video/mp4', 'ghi-am.m4a'), 1000)).toBeNull();
    expect(audioProblem(file(100, '', 'ghi-am.mp3'), 1000)).toBeNull();
  });
  it('refuses photos, oversized and empty files', () => {
    expect(audioProblem(file(100, 'image/jpeg'), 1000)).toBe('type');
    expect(audioProblem(file(100, '', 'anh.jpg'), 1000)).toBe('type');
    expect(audioProblem(file(2000, 'audio/mpeg'), 1000)).toBe('size');
    expect(audioProblem(file(0, 'audio/mpeg'), 1000)).toBe('empty');
  });
});

it('formatSize', () => {
  expect(formatSize(5_000_000)).toBe('5 MB');
  expect(formatSize(4_800_000)).toBe('4,8 MB');
  expect(formatSize(20_000)).toBe('20 KB');
  expect(formatSize(60)).toBe('1 KB');
});
