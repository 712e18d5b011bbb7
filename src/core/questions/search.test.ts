import { describe, expect, it } from 'vitest';
import { searchBank, stems } from './search.ts';

const bank = [
  { id: 'a', text: 'Tell me about a roadmap you rebuilt.', type: 'behavioural', competencies: ['road'], probes: ['Who disagreed?'], seniority: ['senior'] },
  { id: 'b', text: 'How would you price a new product?', type: 'product-case', competencies: ['biz'], probes: ['What roadmaps changed?'], seniority: ['executive'] },
  { id: 'c', text: 'Describe an outage.', type: 'technical', competencies: ['ops'], probes: ['What failed?'], seniority: ['senior'] },
];

describe('offline question search', () => {
  it('stems plurals and verb endings', () => {
    expect(stems('Roadmaps, pricing and priced products')).toEqual(['roadmap', 'pric', 'and', 'pric', 'product']);
  });
  it('ranks text matches over probe matches and applies filters', () => {
    expect(searchBank(bank, 'roadmaps').map((h) => [h.question.id, h.score])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(searchBank(bank, 'roadmaps', { type: 'product-case' }).map((h) => h.question.id)).toEqual(['b']);
    expect(searchBank(bank, '', { seniority: 'senior' }).map((h) => h.question.id)).toEqual(['a', 'c']);
    expect(searchBank(bank, 'zebra')).toEqual([]);
  });
});
