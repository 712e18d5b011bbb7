import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { generateHistory } from '../../core/stats/synthetic.ts';
import { historyDatabase, openHistoryDatabase } from './generate.cache.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('history database cache', () => {
  it('builds a dump once, reuses it, and loads fresh databases from it', async () => {
    const spec = { candidates: 60, seed: 3, asOf: '2026-06-30' };
    const first = await historyDatabase(spec);
    expect(fs.existsSync(first.file)).toBe(true);
    const second = await historyDatabase(spec);
    expect(second.cached).toBe(true);
    expect(second.orgId).toBe(first.orgId);
    const { database, dump } = await openHistoryDatabase(spec);
    try {
      const n = await database.db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).where('orgId', '=', dump.orgId).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(generateHistory(spec).candidates.length);
      // Writes stay in memory: the dump is unchanged for the next loader.
      await database.db.deleteFrom('ratings').execute();
    } finally {
      await database.close();
    }
    const again = await openHistoryDatabase(spec);
    try {
      const n = await again.database.db.selectFrom('ratings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(dump.counts.ratings);
    } finally {
      await again.database.close();
    }
  });
});
