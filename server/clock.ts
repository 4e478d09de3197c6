/** Time source, passed in so jobs and tests can control "now". Times are stored as UTC ISO text. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const isoNow = (clock: Clock): string => clock.now().toISOString();

/**
 * A clock that reads `start` when the process starts and then runs at real speed: what the
 * CLOCK_START variable gives the server and the CLI in tests of schedules ("it is 3 December,
 * 08:00 in Hà Nội"), so reminders, closes and default months can be tested across real processes.
 */
export function offsetClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** The process clock: the system clock unless the environment sets CLOCK_START (tests only). */
export function clockFromEnv(env: { CLOCK_START?: string }): Clock {
  return env.CLOCK_START ? offsetClock(new Date(env.CLOCK_START)) : systemClock;
}
