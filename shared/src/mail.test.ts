import { describe, expect, it } from 'vitest';
import { mailSettingsBody, osloDay, startOfOsloDay } from './mail';

describe('the Oslo day a digest collects', () => {
  it('starts at local midnight in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(startOfOsloDay(new Date('2026-12-01T05:40:00Z')).toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(startOfOsloDay(new Date('2026-07-01T21:59:00Z')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // Past 22:00 UTC in summer it is already the next day in Oslo.
    expect(osloDay(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  it('is counted right on the day summer time ends', () => {
    // 25 October 2026: clocks go back at 03:00 local; the day still starts at 00:00 (+2).
    expect(startOfOsloDay(new Date('2026-10-25T20:00:00Z')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe('the mail settings a person sends', () => {
  it('accept a language, the digest choice and known kinds only', () => {
    expect(mailSettingsBody.parse({ locale: 'nn', digest: true, kinds: ['mention', 'mention'] })).toEqual({
      locale: 'nn',
      digest: true,
      kinds: ['mention'],
    });
    expect(mailSettingsBody.safeParse({ locale: 'de', digest: false, kinds: [] }).success).toBe(false);
    expect(mailSettingsBody.safeParse({ locale: 'nb', digest: false, kinds: ['invitation'] }).success).toBe(false);
  });
});
