import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api';
import type { AreaContext } from '../../electron/service/areas/area';
import { EvidenceArea } from '../../electron/service/evidence';
import { AREAS } from '../../electron/service/handlers';

describe('the handler table (electron/service/handlers.ts)', () => {
  it('serves every method of shared/api.ts from exactly one area', () => {
    // Areas only close over their context when built; nothing is called, so no library is needed.
    const context = { kernel: {}, participants: {}, evidence: Object.create(EvidenceArea.prototype) } as AreaContext;
    const served = AREAS.flatMap((area) => Object.keys(area(context)).map((method) => ({ method, area: area.name })));
    const byMethod = new Map<string, string[]>();
    for (const { method, area } of served) byMethod.set(method, [...(byMethod.get(method) ?? []), area]);
    expect([...byMethod].filter(([, areas]) => areas.length > 1)).toEqual([]);
    expect([...byMethod.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    expect(byMethod.get('decisions.setTags')).toEqual(['decisionsArea']);
  });
});
