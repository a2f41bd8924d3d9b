/**
 * docs/api.md "Helpers", R4: a helper's look is never an opening and sends nothing. Scenario 24 run as
 * written and with every `helperLook` event removed gives the same letters — dates, statuses,
 * alerts and evidence chains — and the looks did run (the helper's access log has them).
 */
import { describe, expect, it } from 'vitest';
import { loadTimeline } from '../../simulator/load.ts';
import { runTimeline } from '../../simulator/runner.ts';
import { memoryStore } from '../../simulator/stores.ts';
import type { TimelineFile } from '../../simulator/schema.ts';
import { scenariosDir } from './support.ts';

const FILE = `${scenariosDir}/24-helper-looks-change-no-date.json`;

describe('scenario 24: a helper’s looks change no date', () => {
  it('gives the same letters with and without the helper’s looks', async () => {
    const loaded = await loadTimeline(FILE);
    if (!loaded.ok) throw new Error('scenario 24 is invalid');
    const looks = loaded.file.applicants.flatMap((applicant) => applicant.events).filter((event) => event.do === 'helperLook');
    const withoutLooks: TimelineFile = {
      ...loaded.file,
      applicants: loaded.file.applicants.map((applicant) => ({ ...applicant, events: applicant.events.filter((event) => event.do !== 'helperLook') })),
    };

    const withHelper = await runTimeline(FILE, loaded.file, { store: memoryStore() });
    const alone = await runTimeline(FILE, withoutLooks, { store: memoryStore() });

    expect(looks.length).toBeGreaterThanOrEqual(10);
    expect(withHelper.failures).toEqual([]);
    expect(withHelper.systemErrors).toEqual([]);
    expect(withHelper.applicants.flatMap((applicant) => applicant.refused)).toEqual([]);
    expect(withHelper.engine.events - alone.engine.events).toBe(looks.length);
    expect(JSON.stringify(withHelper.applicants)).toBe(JSON.stringify(alone.applicants));
  });
});
