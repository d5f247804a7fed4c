// Contract every ConversationStateStore must meet (memory now; SQLite and PostgreSQL later can
// run the same suite: describeConversationStoreContract('sqlite', () => createSqliteStore(...))).
import { describe, expect, it } from 'vitest';
import type { ConversationState, ConversationStateStore } from '../../src/core/ports.js';

export function describeConversationStoreContract(name: string, make: () => ConversationStateStore | Promise<ConversationStateStore>): void {
  describe(`ConversationStateStore contract: ${name}`, () => {
    const full: ConversationState = {
      procedureCode: '1.001193',
      section: 'fees',
      pending: { kind: 'procedures', codes: ['1.001193', '1.001695'], section: 'documents', asked: ['documents'], question: 'khai sinh' },
      ticket: { code: 'PA-2611-0001', type: 'complaint' },
      updatedAt: '2026-11-28T01:00:00.000Z',
    };

    it('returns undefined for an unknown conversation', async () => {
      const store = await make();
      expect(await store.get('nobody')).toBeUndefined();
    });

    it('round-trips every field of the state as plain JSON', async () => {
      const store = await make();
      await store.set('c1', full);
      expect(await store.get('c1')).toEqual(full);
    });

    it('replaces the state on set and keeps conversations apart', async () => {
      const store = await make();
      await store.set('c1', full);
      await store.set('c2', { updatedAt: '2026-11-28T02:00:00.000Z', pending: { kind: 'offer', question: 'x' } });
      await store.set('c1', { updatedAt: '2026-11-28T03:00:00.000Z' });
      expect(await store.get('c1')).toEqual({ updatedAt: '2026-11-28T03:00:00.000Z' });
      expect((await store.get('c2'))?.pending).toEqual({ kind: 'offer', question: 'x' });
    });

    it('does not share objects with the caller', async () => {
      const store = await make();
      const s: ConversationState = { procedureCode: 'a', updatedAt: '2026-11-28T01:00:00.000Z' };
      await store.set('c1', s);
      s.procedureCode = 'changed';
      const got = await store.get('c1');
      expect(got?.procedureCode).toBe('a');
      got!.procedureCode = 'changed again';
      expect((await store.get('c1'))?.procedureCode).toBe('a');
    });
  });
}
