/** Time source, passed in so jobs and tests can control "now". Times are stored as UTC ISO text. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const isoNow = (clock: Clock): string => clock.now().toISOString();
