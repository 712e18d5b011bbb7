import { describe, expect, it } from 'vitest';
import { type ComparableCompetency, type ComparableRole, compareLists, compareRoles, jaccard, weightedJaccard } from './compare.ts';

describe('similarity measures', () => {
  it.each([
    [{ a: 5, b: 3 }, { a: 5, b: 3 }, 1],
    [{ a: 5 }, { b: 5 }, 0],
    [{ a: 4, b: 2 }, { a: 2, b: 2, c: 4 }, (2 + 2 + 0) / (4 + 2 + 4)],
    [{}, {}, 0],
  ])('weightedJaccard(%j, %j) = %d', (a, b, expected) => {
    expect(weightedJaccard(a, b)).toBeCloseTo(expected, 12);
  });

  it.each([
    [['x', 'y'], ['y', 'z'], 1 / 3],
    [['x'], ['x'], 1],
    [[], [], 0],
    [['x', 'x', 'y'], ['y'], 1 / 2],
  ])('jaccard(%j, %j) = %d', (a, b, expected) => {
    expect(jaccard(a, b)).toBeCloseTo(expected, 12);
  });

  it('splits lists into shared (case-insensitive) and distinct items', () => {
    expect(compareLists({ a: ['CEO', 'COO'], b: ['ceo', 'CFO'] })).toEqual({ shared: ['CEO'], distinct: { a: ['COO'], b: ['CFO'] } });
  });
});

function role(id: string, abbreviation: string, orientation: number, areas: string[]): ComparableRole {
  return {
    id,
    title: `Title ${id}`,
    abbreviation,
    summary: '',
    level: 'c-suite',
    focus: { orientation, orientationNote: '', primaryConcerns: [], successAt90Days: [], successAtOneYear: [] },
    responsibilities: areas.map((area) => ({ title: `Do ${area}`, description: '', area })),
    skills: { hard: [], soft: [] },
    qualifications: { yearsOfExperience: { minimum: 10, typical: 15 }, priorRoles: [], education: [] },
    positioning: { reportsTo: [{ to: 'CEO', frequency: 'most common' }], directReports: [], collaborators: [{ with: 'CFO' }] },
    overlaps: [],
    misconceptions: [],
    careerPath: { feederRoles: ['VP'], nextRoles: ['CEO'] },
    whenToHire: { signals: [], notYet: [] },
  };
}

describe('compareRoles', () => {
  const competencies: ComparableCompetency[] = [
    { id: 'vision', name: 'Product vision', roleWeights: { p: 5, t: 2 } },
    { id: 'arch', name: 'Architecture', roleWeights: { t: 5 } },
    { id: 'people', name: 'Talent building', roleWeights: { p: 4, t: 4 } },
    { id: 'rd', name: 'Innovation & R&D', roleWeights: { t: 3 } },
  ];
  const p = { ...role('p', 'PO', 0.8, ['vision', 'roadmap', 'people']), overlaps: [{ role: 't', sharedAreas: ['people'], howToDivide: 'P decides what; T decides how.' }] };
  const t = role('t', 'TO', -0.6, ['architecture', 'delivery', 'people']);

  it('computes similarity from weights and areas, and classifies shared competencies', () => {
    const c = compareRoles([p, t], competencies);
    // weighted Jaccard: min sums 2 + 0 + 4 + 0 = 6; max sums 5 + 5 + 4 + 3 = 17
    expect(c.similarity).toEqual([{ a: 'p', b: 't', competencies: 0.35, responsibilities: 0.2, overall: 0.28, sharedAreas: ['people'] }]);
    expect(c.competencies.find((r) => r.competencyId === 'people')).toMatchObject({ shared: true, weights: { p: 4, t: 4 } });
    expect(c.competencies.find((r) => r.competencyId === 'arch')).toMatchObject({ shared: false, weights: { p: 0, t: 5 } });
    expect(c.responsibilities.areas).toEqual({ shared: ['people'], distinct: { p: ['vision', 'roadmap'], t: ['architecture', 'delivery'] } });
    expect(c.reportsTo.shared).toEqual(['CEO']);
    expect(c.division).toEqual([{ from: 'p', to: 't', sharedAreas: ['people'], howToDivide: 'P decides what; T decides how.' }]);
  });

  it('writes the one-breath summary from the data', () => {
    const c = compareRoles([p, t], competencies);
    expect(c.summary).toBe(
      'The PO faces the market and customers, and stands apart on product vision; ' +
        'the TO faces inward, to technology and operations, and stands apart on architecture and innovation & R&D. ' +
        'PO and TO overlap 28% (competency weights and responsibility areas combined), chiefly in talent building. ' +
        'Dividing the shared ground: P decides what; T decides how.',
    );
  });

  it('is deterministic and refuses 1, 4 or repeated roles', () => {
    expect(compareRoles([p, t], competencies)).toEqual(compareRoles([p, t], competencies));
    expect(() => compareRoles([p], competencies)).toThrow(RangeError);
    expect(() => compareRoles([p, t, p], competencies)).toThrow(RangeError);
    expect(() => compareRoles([p, t, { ...p, id: 'x' }, { ...p, id: 'y' }], competencies)).toThrow(RangeError);
  });
});
