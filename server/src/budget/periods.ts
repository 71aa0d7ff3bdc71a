/**
 * Day and month boundaries in the user's local time zone. The zone is the process's own
 * (what `Intl` resolves, i.e. `TZ` or the system setting) unless one is injected for tests.
 * Records store UTC milliseconds; periods are computed when they are read, so boundaries
 * always follow the zone the user is in now.
 */

export type Periods = {
  readonly timeZone: string;
  /** `YYYY-MM-DD` of the local day that contains `ts`. */
  dayKey(ts: number): string;
  /** `YYYY-MM` of the local month that contains `ts`. */
  monthKey(ts: number): string;
  /** UTC milliseconds of the next local midnight after `ts`. */
  endOfDay(ts: number): number;
};

const QUARTER_HOUR = 15 * 60 * 1000;

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function makePeriods(timeZone: string = localTimeZone()): Periods {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const partsOf = (ts: number): Parts => {
    const out: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(ts))) if (p.type !== "literal") out[p.type] = Number(p.value);
    return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
  };
  // Every zone's offset is a multiple of 15 minutes, so the day of a quarter-hour bucket is
  // the same for every instant in it; caching per bucket keeps aggregation over a long journal fast.
  const dayCache = new Map<number, string>();
  const dayKey = (ts: number): string => {
    const bucket = Math.floor(ts / QUARTER_HOUR);
    let key = dayCache.get(bucket);
    if (key === undefined) {
      const p = partsOf(bucket * QUARTER_HOUR);
      key = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
      if (dayCache.size > 200_000) dayCache.clear();
      dayCache.set(bucket, key);
    }
    return key;
  };
  const offsetAt = (ts: number): number => {
    const p = partsOf(ts);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ts / 1000) * 1000;
  };
  return {
    timeZone,
    dayKey,
    monthKey: (ts) => dayKey(ts).slice(0, 7),
    endOfDay(ts) {
      const p = partsOf(ts);
      const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day + 1);
      // Correct twice for the offset so a DST change during the day lands on the real midnight.
      let guess = midnightAsUtc - offsetAt(ts);
      guess = midnightAsUtc - offsetAt(guess);
      return guess;
    },
  };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local day keys of the `count` days ending with the day of `ts`, oldest first. */
export function lastDays(periods: Periods, ts: number, count: number): string[] {
  const days: string[] = [];
  let cursor = ts;
  let key = periods.dayKey(cursor);
  while (days.length < count) {
    days.push(key);
    // Step back to a moment in the previous local day (days are 23 to 25 hours long).
    cursor -= 20 * 3600 * 1000;
    while (periods.dayKey(cursor) === key) cursor -= 3600 * 1000;
    key = periods.dayKey(cursor);
  }
  return days.reverse();
}
